/**
 * The side panel in a real Chromium with the CSP of VS Code: every view, hover across views, keyboard,
 * state restore, export, localized strings and hostile token text.
 *
 * The main assertions use test/fixtures/traces/demo.trace.json (a trace of the demo model) when it exists,
 * and the synthetic trace otherwise. PANEL_TEST_TRACE=FILE runs them on another `traceToJson` file. The
 * hostile-token and unavailable-kind cases always use synthetic traces.
 * Screenshots of each view in a light and a dark theme go to test-output/screenshots/.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { traceFromJson, traceToJson, type Trace } from '../../src/protocol/trace';
import { ensureBundle, launchBrowser, openPanel, startPanelServer, type PanelPage, type PanelServer, type ThemeName } from './harness';
import { buildSyntheticTrace, UNAVAILABLE_REASON } from './synthetic-trace';

const ROOT = join(import.meta.dirname, '..', '..');
const DEMO_TRACE = join(ROOT, 'test', 'fixtures', 'traces', 'demo.trace.json');
const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');
const HOSTILE_PIECE = '<img src=x onerror=alert(1)>';

const TRACE_FILE = process.env.PANEL_TEST_TRACE ?? (existsSync(DEMO_TRACE) ? DEMO_TRACE : undefined);
const mainTrace: Trace = TRACE_FILE === undefined ? buildSyntheticTrace() : traceFromJson(readFileSync(TRACE_FILE, 'utf8'));
const TRACE_NAME = TRACE_FILE === undefined ? 'synthetic' : TRACE_FILE;

let server: PanelServer;
let browser: Browser;

/** Opens a panel, runs `body`, checks that nothing broke the CSP or logged an error, and closes it. */
async function withPanel(theme: ThemeName, body: (panel: PanelPage) => Promise<void>, initialState?: unknown): Promise<void> {
  const panel = await openPanel(browser, server, theme, initialState);
  try {
    await body(panel);
    assert.deepEqual(await panel.cspViolations(), [], 'CSP violations');
    assert.deepEqual(panel.problems, [], 'console errors, warnings, page errors or dialogs');
    assert.deepEqual(panel.foreignRequests, [], 'requests outside the test server');
  } finally {
    await panel.close();
  }
}

async function showTab(page: Page, tab: 'generation' | 'attention' | 'ffn'): Promise<void> {
  await page.click(`vscode-tab-header[data-tab="${tab}"]`);
  await page.waitForSelector(`.tab-content[data-tab="${tab}"] .view`);
}

/** Sets a `vscode-single-select` through its `value` property and fires `change`, as a user choice does. */
async function choose(page: Page, control: string, value: string): Promise<void> {
  await page.evaluate(
    ([name, choice]) => {
      const select = document.querySelector(`[data-control="${name}"]`) as HTMLElement & { value: string };
      select.value = choice;
      select.dispatchEvent(new Event('change'));
    },
    [control, value],
  );
}

function classesOf(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (elements) => elements.map((element) => element.getAttribute('class') ?? ''));
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Returns the mean over heads of the first cross-attention layer at one cell, for exact readout values. */
function meanCross(trace: Trace, row: number, col: number): number {
  assert.ok(trace.final.crossAttention.available);
  const [heads, rows, cols] = trace.final.crossAttention.layers[0].probs.shape;
  const data = trace.final.crossAttention.layers[0].probs.data;
  // The panel sums into a Float32Array, so every partial sum is rounded to float32.
  let sum = 0;
  for (let h = 0; h < heads; h++) sum = Math.fround(sum + data[h * rows * cols + row * cols + col]);
  return Math.fround(sum / heads);
}

function firstAvailableLayers<T>(captured: { available: true; layers: readonly T[] } | { available: false }): readonly T[] {
  assert.ok(captured.available, 'the main trace must record this part');
  return captured.layers;
}

before(async () => {
  await ensureBundle();
  server = await startPanelServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

describe(`panel with the ${TRACE_NAME} trace`, () => {
  test('posts ready and shows the empty state', async () => {
    await withPanel('dark', async (panel) => {
      assert.deepEqual(await panel.posted(), [{ type: 'ready' }]);
      assert.match(await panel.page.textContent('.empty') ?? '', /No trace yet/);
      assert.equal(await panel.page.isVisible('vscode-tabs'), false);
    });
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`generation view renders in ${theme}`, async () => {
      await withPanel(theme, async (panel) => {
        await panel.sendTrace(mainTrace);
        const { page } = panel;
        const best = mainTrace.hypotheses[0];

        const sourceChips = await page.$$eval('.token-list[aria-label="Source tokens"] .token-chip', (chips) => chips.map((chip) => chip.textContent));
        assert.deepEqual(sourceChips, mainTrace.source.tokens.map((token) => token.piece));
        const targetChips = await page.$$eval('.token-list[aria-label="Generated tokens"] .token-chip', (chips) => chips.map((chip) => chip.textContent));
        assert.deepEqual(targetChips, best.tokens.map((token) => token.piece));

        const hypotheses = await page.$$eval('.hypothesis-text', (items) => items.map((item) => item.textContent));
        assert.deepEqual(hypotheses, mainTrace.hypotheses.map((hypothesis) => hypothesis.text));

        const groups = await page.$$eval('.bar-chart .group-title', (titles) => titles.length);
        assert.equal(groups, best.tokens.length);
        const chosen = await page.$$eval('.bar-chart .bar-row.is-chosen', (rows) => rows.map((row) => row.getAttribute('data-token')));
        assert.deepEqual(chosen, best.tokens.map((_, step) => `tgt:${step}`));

        if (mainTrace.options.numBeams > 1) {
          const nodes = await page.$$eval('.beam-tree .beam-node', (elements) => elements.length);
          assert.equal(nodes, 1 + mainTrace.steps.reduce((sum, step) => sum + step.beams.length, 0));
          const pathNodes = await page.$$eval('.beam-tree .beam-node.on-path', (elements) => elements.length);
          assert.equal(pathNodes, 1 + best.tokens.length);
        }
        await screenshot(page, `generation-${theme}`);
      });
    });

    test(`attention view renders in ${theme}`, async () => {
      await withPanel(theme, async (panel) => {
        await panel.sendTrace(mainTrace);
        const { page } = panel;
        await showTab(page, 'attention');

        const layers = firstAvailableLayers(mainTrace.final.crossAttention);
        const [heads, rows, cols] = layers[0].probs.shape;
        assert.equal(await page.$$eval('.heatmap .heat-cell', (cells) => cells.length), rows * cols);
        const fills = await page.$$eval('.heatmap .heat-cell', (cells) => new Set(cells.map((cell) => cell.getAttribute('fill'))).size);
        assert.ok(fills > 5, `heatmap has only ${fills} distinct colours`);
        assert.ok((await page.$$eval('.head-view .head-line', (lines) => lines.length)) >= rows, 'head view draws at least one line per query');

        const thumbnails = await page.$$eval('.head-grid canvas', (canvases) => canvases.length);
        assert.equal(thumbnails, layers.length * (heads + 1));
        const colours = await page.$eval('.head-grid canvas', (canvas) => {
          const context = (canvas as HTMLCanvasElement).getContext('2d') as CanvasRenderingContext2D;
          const pixels = context.getImageData(0, 0, (canvas as HTMLCanvasElement).width, (canvas as HTMLCanvasElement).height).data;
          const seen = new Set<number>();
          for (let i = 0; i < pixels.length; i += 4) seen.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
          return seen.size;
        });
        assert.ok(colours > 5, `thumbnail has only ${colours} distinct colours`);
        await screenshot(page, `attention-${theme}`);

        await choose(page, 'kind', 'encoder');
        await page.waitForSelector('.heatmap');
        const sourceLength = mainTrace.source.tokens.length;
        assert.equal(await page.$$eval('.heatmap .heat-cell', (cells) => cells.length), sourceLength * sourceLength);
        await screenshot(page, `attention-encoder-${theme}`);
      });
    });

    test(`feed-forward view renders in ${theme}`, async () => {
      await withPanel(theme, async (panel) => {
        await panel.sendTrace(mainTrace);
        const { page } = panel;
        await showTab(page, 'ffn');

        const encoderLayers = firstAvailableLayers(mainTrace.encoderFfn);
        const decoderLayers = firstAvailableLayers(mainTrace.final.ffn);
        const cellCounts = await page.$$eval('.ffn-view .heatmap', (maps) => maps.map((map) => map.querySelectorAll('.heat-cell').length));
        assert.deepEqual(cellCounts, [
          encoderLayers.length * mainTrace.source.tokens.length,
          decoderLayers.length * mainTrace.hypotheses[0].tokens.length,
        ]);
        assert.match(await page.textContent('.neurons') ?? '', /Click a cell/);

        // The encoder scale runs from the smallest to the largest norm: the smallest cell has the background colour.
        const norms = encoderLayers.flatMap((layer) => [...layer.norm.data]);
        const legend = await page.$eval('.ffn-view .heat-legend', (item) => item.textContent);
        assert.equal(legend, `L2 norm${Math.min(...norms).toPrecision(3)} – ${Math.max(...norms).toPrecision(3)}`);
        const smallest = norms.indexOf(Math.min(...norms));
        const columns = mainTrace.source.tokens.length;
        const fill = await page.$eval(
          `.ffn-view .heatmap >> nth=0 >> .heat-cell[data-r="${Math.floor(smallest / columns)}"][data-c="${smallest % columns}"]`,
          (cell) => cell.getAttribute('fill'),
        );
        assert.equal(fill, theme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(31, 31, 31)');

        // Layer 1 (second row) of the encoder, source token 2.
        await page.click('.ffn-view .heatmap >> nth=0 >> .heat-cell[data-r="1"][data-c="2"]');
        const layer = encoderLayers[1];
        const n = layer.topIndices.shape[1];
        const expected = Array.from({ length: n }, (_, i) => `#${layer.topIndices.data[2 * n + i]}`);
        const labels = await page.$$eval('.neurons .bar-label', (items) => items.map((item) => item.textContent));
        assert.deepEqual(labels, expected);
        assert.match(await page.textContent('.neurons h3') ?? '', new RegExp(`in layer ${layer.layer}$`));
        await screenshot(page, `ffn-${theme}`);
      });
    });
  }

  test('views render in high contrast', async () => {
    await withPanel('high-contrast', async (panel) => {
      await panel.sendTrace(mainTrace);
      const { page } = panel;
      const border = await page.$eval('.token-chip', (chip) => getComputedStyle(chip).borderTopColor);
      assert.equal(border, 'rgb(111, 195, 223)', 'token chips take --vscode-contrastBorder');
      await screenshot(page, 'generation-high-contrast');

      await showTab(page, 'attention');
      assert.ok((await page.$$eval('.heatmap .heat-cell', (cells) => cells.length)) > 0);
      await screenshot(page, 'attention-high-contrast');

      await showTab(page, 'ffn');
      assert.ok((await page.$$eval('.ffn-view .heat-cell', (cells) => cells.length)) > 0);
      await screenshot(page, 'ffn-high-contrast');
    });
  });

  test('hover highlights a token in every attention view', async () => {
    await withPanel('dark', async (panel) => {
      await panel.sendTrace(mainTrace);
      const { page } = panel;
      await showTab(page, 'attention');

      await page.hover('.heatmap .axis-label[data-token="tgt:1"]');
      const overlays = await page.$$eval('.heatmap .heat-overlay[data-token="tgt:1"]', (items) => items.map((item) => getComputedStyle(item).visibility));
      assert.deepEqual(overlays, ['visible']);
      const otherOverlay = await page.$eval('.heatmap .heat-overlay[data-token="tgt:2"]', (item) => getComputedStyle(item).visibility);
      assert.equal(otherOverlay, 'hidden');
      assert.ok((await classesOf(page, '.head-view .head-token[data-token="tgt:1"]')).every((c) => c.includes('is-hovered')));

      const lines = await page.$$eval('.head-view .head-line', (items) =>
        items.map((item) => ({ tokens: item.getAttribute('data-token') ?? '', opacity: Number(getComputedStyle(item).opacity) })),
      );
      const own = lines.filter((line) => line.tokens.split(' ').includes('tgt:1'));
      const others = lines.filter((line) => !line.tokens.split(' ').includes('tgt:1'));
      assert.ok(own.length > 0 && own.every((line) => line.opacity === 1), 'lines of the hovered token stay opaque');
      assert.ok(others.every((line) => line.opacity < 0.2), 'other lines are dimmed');

      const bands = await page.$$eval('.head-grid .thumb-band-row', (items) => items.map((item) => (item as HTMLElement).hidden));
      assert.ok(bands.length > 0 && bands.every((hidden) => !hidden), 'every thumbnail shows the row band');

      await page.hover('.heatmap .heat-cell[data-r="2"][data-c="3"]');
      assert.match((await classesOf(page, '.heatmap .axis-label[data-token="tgt:2"]'))[0], /is-hovered/);
      assert.match((await classesOf(page, '.heatmap .axis-label[data-token="src:3"]'))[0], /is-hovered/);
      assert.match((await classesOf(page, '.head-view .head-token[data-token="src:3"]'))[0], /is-hovered/);
    });
  });

  test('hover highlights a token in the generation views', async () => {
    await withPanel('light', async (panel) => {
      await panel.sendTrace(mainTrace);
      const { page } = panel;
      await page.hover('.token-chip[data-token="tgt:2"]');

      assert.match((await classesOf(page, '.token-chip[data-token="tgt:2"]'))[0], /is-hovered/);
      assert.match((await classesOf(page, '.bar-chart .group-title[data-token="tgt:2"]'))[0], /is-hovered/);
      assert.match((await classesOf(page, '.bar-chart .bar-row[data-token="tgt:2"]'))[0], /is-hovered/);
      if (mainTrace.options.numBeams > 1) {
        assert.match((await classesOf(page, '.beam-tree .beam-node[data-token="tgt:2"]'))[0], /is-hovered/);
      }
      assert.equal((await classesOf(page, '.is-hovered')).length, mainTrace.options.numBeams > 1 ? 4 : 3);
    });
  });

  test('hover highlights a token column in the feed-forward heatmap', async () => {
    await withPanel('dark', async (panel) => {
      await panel.sendTrace(mainTrace);
      const { page } = panel;
      await showTab(page, 'ffn');
      await page.hover('.ffn-view .heatmap >> nth=0 >> .axis-label[data-token="src:1"]');
      const visibility = await page.$eval('.ffn-view .heat-overlay[data-token="src:1"]', (item) => getComputedStyle(item).visibility);
      assert.equal(visibility, 'visible');
    });
  });

  test('heatmap and token list work with the keyboard', async () => {
    await withPanel('dark', async (panel) => {
      await panel.sendTrace(mainTrace);
      const { page } = panel;

      await page.focus('.token-list[aria-label="Source tokens"] .token-chip[data-token="src:0"]');
      await page.keyboard.press('ArrowRight');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-token')), 'src:1');
      await page.keyboard.press('Enter');
      assert.equal(await page.getAttribute('.token-chip[data-token="src:1"]', 'aria-selected'), 'true');
      assert.equal((await panel.state() as { selected: string }).selected, 'src:1');

      await showTab(page, 'attention');
      await page.focus('.heatmap');
      await page.keyboard.press('ArrowRight');
      const best = mainTrace.hypotheses[0];
      const value = meanCross(mainTrace, 0, 1).toPrecision(3);
      const expected = `${best.tokens[0].piece.replace(/^▁/, '')} → ${mainTrace.source.tokens[1].piece.replace(/^▁/, '')}: ${value}`;
      assert.equal(await page.textContent('.readout'), expected);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      assert.equal((await panel.state() as { selected: string }).selected, 'tgt:1');
    });
  });

  test('state is restored after a reload', async () => {
    let saved: unknown;
    await withPanel('dark', async (panel) => {
      await panel.sendTrace(mainTrace);
      const { page } = panel;
      await showTab(page, 'attention');
      await choose(page, 'kind', 'encoder');
      await page.waitForSelector('.head-grid');
      await page.click('.thumb[data-layer="1"][data-head="2"]');
      await page.waitForSelector('.thumb.is-current[data-layer="1"][data-head="2"]');
      await page.click('.heatmap .axis-label[data-token="src:3"]');
      saved = await panel.state();
    });
    assert.deepEqual(saved, { tab: 'attention', kind: 'encoder', layer: 1, head: 2, selected: 'src:3', ffnLayer: 0 });

    await withPanel(
      'light',
      async (panel) => {
        await panel.sendTrace(mainTrace);
        const { page } = panel;
        assert.equal(await page.isVisible('.tab-content[data-tab="attention"] .view'), true);
        assert.equal(await page.$eval('[data-control="kind"]', (select) => (select as HTMLElement & { value: string }).value), 'encoder');
        const layer = firstAvailableLayers(mainTrace.encoderSelfAttention)[1].layer;
        assert.equal(await page.textContent('.attention-view h3'), `Encoder self-attention, layer ${layer}, Head 2`);
        assert.equal(await page.$$eval('.thumb.is-current', (items) => items.map((item) => `${item.getAttribute('data-layer')}/${item.getAttribute('data-head')}`).join()), '1/2');
        assert.match((await classesOf(page, '.heatmap .axis-label[data-token="src:3"]'))[0], /is-selected/);
        assert.match((await classesOf(page, '.heatmap .heat-overlay[data-token="src:3"]'))[0], /is-selected/);
      },
      saved,
    );
  });

  test('export posts SVG, PNG and trace requests', async () => {
    await withPanel('dark', async (panel) => {
      await panel.sendTrace(mainTrace);
      const { page } = panel;
      await showTab(page, 'attention');

      await page.click('vscode-button[data-action="export-svg"]');
      await page.click('vscode-button[data-action="export-png"]');
      await page.click('vscode-button[data-action="export-trace"]');
      await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length >= 4);
      const [, svgMessage, pngMessage, traceMessage] = (await panel.posted()) as { type: string; format?: string; data?: string; suggestedName?: string }[];

      assert.equal(svgMessage.type, 'exportImage');
      assert.equal(svgMessage.format, 'svg');
      assert.equal(svgMessage.suggestedName, 'attention-cross-layer-0-mean.svg');
      assert.match(svgMessage.data ?? '', /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.doesNotMatch(svgMessage.data ?? '', /var\(--|data-token|class=/);
      assert.match(svgMessage.data ?? '', /<image [^>]*href="data:image\/png;base64,/);

      assert.equal(pngMessage.format, 'png');
      const png = Buffer.from((pngMessage.data ?? '').replace(/^data:image\/png;base64,/, ''), 'base64');
      assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
      assert.ok(png.readUInt32BE(16) > 200, 'PNG is wider than 200 pixels');
      assert.ok(png.readUInt32BE(20) > 200, 'PNG is taller than 200 pixels');
      assert.deepEqual(traceMessage, { type: 'exportTrace' });

      mkdirSync(SCREENSHOTS, { recursive: true });
      writeFileSync(join(SCREENSHOTS, 'export-attention.svg'), svgMessage.data ?? '');
      writeFileSync(join(SCREENSHOTS, 'export-attention.png'), png);
    });
  });

  test('theme change recolours the heatmap', async () => {
    await withPanel('dark', async (panel) => {
      await panel.sendTrace(mainTrace);
      const { page } = panel;
      await showTab(page, 'attention');
      await page.evaluate(() => {
        document.documentElement.style.setProperty('--vscode-editor-background', '#000000');
        document.documentElement.style.setProperty('--vscode-charts-blue', 'rgb(255, 0, 0)');
      });
      await page.waitForFunction(() => document.querySelector('.heat-legend .legend-swatch:last-of-type')?.getAttribute('fill') === 'rgb(255, 0, 0)');

      const fills = await page.$$eval('.heatmap .heat-cell', (cells) => cells.map((cell) => cell.getAttribute('fill') ?? ''));
      assert.ok(fills.includes('rgb(255, 0, 0)'), 'the largest weight has the full accent colour');
      assert.ok(fills.every((fill) => /^rgb\(\d+, 0, 0\)$/.test(fill)), 'every cell mixes black and red');
    });
  });

  test('JSON-encoded trace renders like typed arrays', async () => {
    await withPanel('dark', async (panel) => {
      await panel.page.evaluate((json) => window.postMessage({ type: 'trace', trace: JSON.parse(json) }, '*'), traceToJson(mainTrace));
      await panel.page.waitForSelector('.tab-content .view');
      await showTab(panel.page, 'attention');
      const layers = firstAvailableLayers(mainTrace.final.crossAttention);
      const [, rows, cols] = layers[0].probs.shape;
      assert.equal(await panel.page.$$eval('.heatmap .heat-cell', (cells) => cells.length), rows * cols);
    });
  });

  test('strings and status messages relabel the panel', async () => {
    await withPanel('dark', async (panel) => {
      await panel.sendTrace(mainTrace);
      await panel.send({ type: 'strings', strings: { tabAttention: 'Aufmerksamkeit', sourceTokens: 'Quelltokens', unknownKey: 'x', tabGeneration: 3 } });
      await panel.send({ type: 'status', busy: true, text: 'Übersetze …' });
      const { page } = panel;
      await page.waitForFunction(() => document.querySelector('vscode-tab-header[data-tab="attention"]')?.textContent === 'Aufmerksamkeit');
      assert.equal(await page.textContent('vscode-tab-header[data-tab="generation"]'), 'Generation');
      assert.equal(await page.textContent('.view-section h3'), 'Quelltokens');
      assert.equal(await page.textContent('.status'), 'Übersetze …');
      assert.equal(await page.getAttribute('.panel-root', 'aria-busy'), 'true');
    });
  });
});

describe('panel with synthetic edge cases', () => {
  test('hostile piece shows as text', async () => {
    const trace = buildSyntheticTrace({
      sourcePieces: ['▁Look', HOSTILE_PIECE, '▁here', '</s>'],
      targetPieces: ['▁Regarde', HOSTILE_PIECE, '▁ici'],
    });
    await withPanel('dark', async (panel) => {
      await panel.sendTrace(trace);
      const { page } = panel;
      assert.equal(await page.textContent('.token-chip[data-token="src:1"]'), HOSTILE_PIECE);
      assert.equal(await page.textContent('.token-chip[data-token="tgt:1"]'), HOSTILE_PIECE);

      for (const tab of ['generation', 'attention', 'ffn'] as const) {
        await showTab(page, tab);
        assert.equal(await page.$$eval('img', (images) => images.length), 0, `no img element in the ${tab} view`);
        assert.equal(await page.$$eval('script', (scripts) => scripts.length), 1, `only the bundle script in the ${tab} view`);
      }
      const labels = await page.$$eval('.ffn-view .axis-label', (items) => items.map((item) => item.textContent));
      assert.ok(labels.includes(HOSTILE_PIECE), 'the heatmap axis shows the piece as text');
    });
  });

  test('unavailable kinds show their reason', async () => {
    const trace = buildSyntheticTrace({ unavailable: ['crossAttention', 'encoderFfn'] });
    await withPanel('dark', async (panel) => {
      await panel.sendTrace(trace);
      const { page } = panel;
      await showTab(page, 'attention');
      assert.equal(await page.textContent('.unavailable-reason'), `Cross-attention was not recorded: ${UNAVAILABLE_REASON}`);
      assert.equal(await page.$$eval('.heatmap', (maps) => maps.length), 0);

      await choose(page, 'kind', 'decoder');
      await page.waitForSelector('.heatmap');
      assert.equal(await page.$$eval('.unavailable-reason', (items) => items.length), 0);

      await showTab(page, 'ffn');
      assert.equal(await page.textContent('.unavailable-reason'), `Encoder feed-forward activations was not recorded: ${UNAVAILABLE_REASON}`);
      assert.equal(await page.$$eval('.ffn-view .heatmap', (maps) => maps.length), 1);
      await screenshot(page, 'ffn-unavailable-dark');
    });
  });

  test('unsupported trace version shows an error', async () => {
    await withPanel('dark', async (panel) => {
      await panel.send({ type: 'trace', trace: { version: 99 } });
      await panel.page.waitForFunction(() => /unsupported trace version 99/.test(document.querySelector('.empty')?.textContent ?? ''));
      assert.equal(await panel.page.isVisible('vscode-tabs'), false);
    });
  });

  test('mismatched tensor shape shows an error', async () => {
    const trace = buildSyntheticTrace();
    assert.ok(trace.final.crossAttention.available);
    const layer = trace.final.crossAttention.layers[0];
    const [heads, rows, cols] = layer.probs.shape;
    const broken: Trace = {
      ...trace,
      final: {
        ...trace.final,
        crossAttention: { available: true, layers: [{ layer: 0, probs: { shape: [heads, rows, cols - 1], data: layer.probs.data.subarray(0, heads * rows * (cols - 1)) } }] },
      },
    };
    await withPanel('dark', async (panel) => {
      await panel.sendTrace(broken);
      await panel.page.click('vscode-tab-header[data-tab="attention"]');
      await panel.page.waitForSelector('.render-error');
      const text = await panel.page.textContent('.render-error');
      assert.equal(text, `This trace cannot be shown: cross attention of layer 0 has shape [${heads}, ${rows}, ${cols - 1}] and ${heads * rows * (cols - 1)} values, but the tokens need [heads, ${rows}, ${cols}].`);
    });
  });
});
