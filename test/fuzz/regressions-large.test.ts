// Inputs the fuzzers once broke the services with, too large to keep: made by a generator.
import { fixtureTests } from './fixtures';

fixtureTests(true);
