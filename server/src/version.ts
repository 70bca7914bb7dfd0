// The product's version, read from package.json once (the bundle inlines the one field).
import { version } from '../../package.json';

export const VERSION: string = version;
