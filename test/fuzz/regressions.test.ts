// Inputs the fuzzers once broke the services with, kept literally (test/fixtures/fuzz/*.json).
import { fixtureTests } from './fixtures';

fixtureTests(false);
