// Compiles every contract in src/main/solidity with the pinned solc (solc-js) through its standard
// JSON interface and writes <Contract>.abi and <Contract>.bin into the output directory, the input
// Web3j codegen expects. Skips the work when the outputs are newer than every source.
// Usage: node scripts/compile-solidity.mjs <sourceDir> <outputDir>
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const solc = require('solc');

// One EVM version that permissioned production networks (Besu/geth QBFT) and Anvil all run.
const EVM_VERSION = 'cancun';

const [sourceDir, outputDir] = process.argv.slice(2);
if (!sourceDir || !outputDir) {
  console.error('usage: node scripts/compile-solidity.mjs <sourceDir> <outputDir>');
  process.exit(2);
}
const files = fs.readdirSync(sourceDir).filter((f) => f.endsWith('.sol')).sort();
const stamp = path.join(outputDir, '.compiled');
const newestSource = Math.max(
  fs.statSync(new URL(import.meta.url)).mtimeMs,
  ...files.map((f) => fs.statSync(path.join(sourceDir, f)).mtimeMs),
);
if (fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs >= newestSource) {
  process.exit(0);
}

const input = {
  language: 'Solidity',
  sources: Object.fromEntries(
    files.map((f) => [f, { content: fs.readFileSync(path.join(sourceDir, f), 'utf8') }]),
  ),
  settings: {
    evmVersion: EVM_VERSION,
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const problems = output.errors ?? [];
for (const p of problems) console.error(p.formattedMessage);
if (problems.some((p) => p.severity === 'error')) process.exit(1);

fs.mkdirSync(outputDir, { recursive: true });
for (const [file, contracts] of Object.entries(output.contracts)) {
  for (const [name, artifact] of Object.entries(contracts)) {
    fs.writeFileSync(path.join(outputDir, `${name}.abi`), JSON.stringify(artifact.abi));
    fs.writeFileSync(path.join(outputDir, `${name}.bin`), artifact.evm.bytecode.object);
    console.error(`contracts: compiled ${file}:${name} with solc ${solc.version()}`);
  }
}
fs.writeFileSync(stamp, '');
