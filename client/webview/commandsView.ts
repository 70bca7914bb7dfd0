// The script of the views whose only behaviour is their commands: the check result, what
// changed, and the error pages.
import { vscodeApi } from './api';
import { wireCommands } from './commands';

wireCommands(vscodeApi());
