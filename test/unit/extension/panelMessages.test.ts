import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExtensionError } from '../../../src/extension/errors';
import { exportFileName, imageFileBytes, parsePanelMessage } from '../../../src/extension/panel/panelMessages';

test('parsePanelMessage accepts known messages', () => {
  assert.deepEqual(parsePanelMessage({ type: 'ready' }), { type: 'ready' });
  assert.deepEqual(parsePanelMessage({ type: 'exportTrace', extra: 1 }), { type: 'exportTrace' });
  assert.deepEqual(parsePanelMessage({ type: 'exportImage', format: 'svg', data: '<svg/>', suggestedName: 'attention' }), {
    type: 'exportImage',
    format: 'svg',
    data: '<svg/>',
    suggestedName: 'attention',
  });
});

test('parsePanelMessage rejects malformed messages', () => {
  const cases: unknown[] = [
    null,
    'ready',
    {},
    { type: 'delete' },
    { type: 'exportImage', format: 'gif', data: '', suggestedName: 'x' },
    { type: 'exportImage', format: 'png', data: 42, suggestedName: 'x' },
    { type: 'exportImage', format: 'png', data: '' },
  ];
  for (const value of cases) assert.equal(parsePanelMessage(value), undefined, JSON.stringify(value));
});

test('imageFileBytes decodes PNG data URL', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x01]);
  const bytes = imageFileBytes('png', `data:image/png;base64,${png.toString('base64')}`);
  assert.deepEqual([...bytes], [...png]);
});

test('imageFileBytes rejects non-PNG data', () => {
  assert.throws(() => imageFileBytes('png', 'data:image/jpeg;base64,AAAA'), ExtensionError);
  assert.throws(
    () => imageFileBytes('png', `data:image/png;base64,${Buffer.from('GIF89a').toString('base64')}`),
    /without the PNG file signature/,
  );
});

test('imageFileBytes encodes SVG as UTF-8', () => {
  const svg = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><text>é</text></svg>';
  assert.equal(new TextDecoder().decode(imageFileBytes('svg', svg)), svg);
  assert.throws(() => imageFileBytes('svg', '<html><svg></svg></html>'), /does not start with <svg/);
});

test('exportFileName cleans names and adds extension', () => {
  assert.equal(exportFileName('attention-layer-2', 'png'), 'attention-layer-2.png');
  assert.equal(exportFileName('beam.SVG', 'svg'), 'beam.SVG');
  assert.equal(exportFileName('../../etc/passwd', 'json'), '.._.._etc_passwd.json');
  assert.equal(exportFileName('a\u0000b:c', 'png'), 'a_b_c.png');
  assert.equal(exportFileName('  ', 'png'), 'seq2seq-lens.png');
  assert.equal(exportFileName('..', 'png'), 'seq2seq-lens.png');
});
