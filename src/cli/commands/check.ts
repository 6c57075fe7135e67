import { readFileSync } from 'node:fs';
import { formatProtocolError, loadProtocol } from '../../core/procedure/index.ts';
import { UsageError, type Command } from '../command.ts';

/** `scrub check <files…>`: validates protocol files; problems print as `file:line:col: message`. */
export const check: Command = {
  name: 'check',
  summary: 'validate procedure protocol files (procedures/*.yaml)',
  usage: 'scrub check <protocol.yaml…>',
  run(args) {
    const files = args.filter((a) => !a.startsWith('-'));
    const unknown = args.find((a) => a.startsWith('-'));
    if (unknown !== undefined) throw new UsageError(`unknown option '${unknown}'`);
    if (files.length === 0) throw new UsageError('name at least one protocol file');
    let failed = 0;
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        console.error(`${file}:1:1: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
        failed++;
        continue;
      }
      const result = loadProtocol(text, file);
      if (result.ok) {
        console.log(`ok  ${file}  (${result.protocol.id} ${result.protocol.version})`);
      } else {
        failed++;
        for (const e of result.errors) console.error(formatProtocolError(e));
      }
    }
    if (failed > 0) console.error(`${failed} of ${files.length} protocol file${files.length === 1 ? '' : 's'} failed`);
    return failed > 0 ? 1 : 0;
  },
};
