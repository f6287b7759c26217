/** Command and view ids; `package.json` contributes the same ids (a unit test compares them). */
export const COMMANDS = {
  translateSelection: 'seq2seqLens.translateSelection',
  translateText: 'seq2seqLens.translateText',
  chooseOutputMode: 'seq2seqLens.chooseOutputMode',
  selectModel: 'seq2seqLens.selectModel',
  showAttention: 'seq2seqLens.showAttention',
} as const;

export const VIEW_CONTAINER_ID = 'seq2seqLens';
export const PANEL_VIEW_ID = 'seq2seqLens.panel';
