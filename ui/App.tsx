// ui/App.tsx, by the orch-tui demo's simulated frontend
// line 2
// line 3
// line 4
