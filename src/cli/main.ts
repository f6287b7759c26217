import { DecodingCancelledError, DecodingOptionsError, ModelLoadError } from '../translate';
import { DecodingError } from '../decoding';
import { UsageError } from './errors';
import type { CliIo } from './io';
import { runEval } from './eval';
import { runInspect } from './inspect';
import { runTrace } from './trace';
import { runTranslate } from './translate';

const HELP = `Usage: seq2seq-lens <command> [options]

Commands:
  translate   translate text with a local ONNX encoder-decoder model
  trace       translate one segment and record attention, activations and every step as JSON
  inspect     summarize an .onnx file or a model folder
  eval        score translations of a test set with chrF and BLEU

Run "seq2seq-lens <command> --help" for a command's options.
`;

type Command = (args: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  translate: async () => runTranslate,
  trace: async () => runTrace,
  inspect: async () => (args, io) => runInspect(args, io),
  eval: async () => runEval,
};

/** Errors whose message is enough for the user; anything else also prints its stack. */
function isExpected(error: unknown): error is Error {
  return (
    error instanceof UsageError ||
    error instanceof ModelLoadError ||
    error instanceof DecodingOptionsError ||
    error instanceof DecodingCancelledError ||
    error instanceof DecodingError ||
    (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS') === true)
  );
}

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(HELP);
    return name === undefined ? 1 : 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.stderr.write(`Unknown command ${JSON.stringify(name)}: expected one of ${Object.keys(COMMANDS).join(', ')}.\n`);
    return 1;
  }

  try {
    return await (await load())(args, io);
  } catch (error) {
    if (isExpected(error)) io.stderr.write(`error: ${error.message}\n`);
    else io.stderr.write(`error: ${(error as Error)?.stack ?? String(error)}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }).then(
    (code) => (process.exitCode = code),
  );
}
