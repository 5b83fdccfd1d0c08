/** Process entry point: run `main` on the command line and set the exit code. */
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
