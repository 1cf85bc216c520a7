// Child process of cachedWorkspace: generates ledgers [from, to) and prints them as JSON.
import { generateLedgers } from './fixture';

const [dir, from, to, per] = process.argv.slice(2);
const ledgers = await generateLedgers(dir as string, Number(from), Number(to), Number(per));
process.stdout.write(JSON.stringify(ledgers));
