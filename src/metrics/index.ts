export { corpusBleu, sentenceBleu, type BleuOptions, type BleuTokenizer } from './bleu';
export { scoreBleuStatistics, type BleuScore, type BleuSmoothMethod, type BleuStatistics } from './bleuScore';
export { corpusChrf, sentenceChrf, type ChrfOptions, type ChrfScore } from './chrf';
export { scoreChrfStatistics, type NgramStatistics } from './chrfScore';
export { MetricsError } from './errors';
export { tokenize13a } from './tokenize13a';
