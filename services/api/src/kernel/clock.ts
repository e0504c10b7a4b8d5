/** Milliseconds since the epoch; the composition root passes `Date.now`, tests a clock they move. */
export type Clock = () => number;
