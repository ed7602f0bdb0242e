import { describe, expect, it } from 'vitest';
import { DEMO_WORKERS, demoPaneSize } from '../../src/demo/demoServer.js';
import { layoutGrid } from '../../src/ui/gridLayout.js';
import { ATTENTION_ROWS } from '../../components/AttentionStrip.js';

describe('demoPaneSize', () => {
  it("never makes a simulated agent's screen wider or taller than its tile, whatever the strip and the status line take", () => {
    for (const columns of [80, 100, 110, 120, 160, 200]) {
      for (const rows of [24, 30, 32, 40, 50]) {
        const pane = demoPaneSize(columns, rows);
        // As the dashboard lays out the grid: three rows kept, then the attention strip; a tmux status line outside tmux.
        for (const seen of [rows, rows - 1]) {
          for (let strip = 0; strip <= ATTENTION_ROWS; strip++) {
            const tile = layoutGrid(DEMO_WORKERS.length, columns, seen - 3 - strip);
            if (tile.cellWidth - 2 < 30) continue; // below the smallest agent screen the demo draws
            expect(pane.width, `${columns}x${rows}, strip ${strip}`).toBeLessThanOrEqual(tile.cellWidth - 2);
            if (tile.cellHeight - 3 >= 6) expect(pane.height, `${columns}x${rows}, strip ${strip}`).toBeLessThanOrEqual(tile.cellHeight - 3);
          }
        }
      }
    }
  });
});
