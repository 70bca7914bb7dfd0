// A count of the steps of the searches whose cost once grew with the square of their input
// (the regressions of test/fixtures/fuzz: comparing rules of one scope, resolving pointers in
// large mappings, matching findings to broken entries, finding duplicate keys), so that tests
// bound the work a call does, not the time it takes: a busy machine cannot fail them, and a
// search that turns quadratic again can. Counting costs one addition per step.
export const work = { steps: 0 };
