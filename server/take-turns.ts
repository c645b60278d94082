// Subscription events reach every subscriber in the same instant. Each delivery is little work
// (waking its stream, serializing, writing), but ten thousand of them in one go hold the event
// loop for a second: no other request is read meanwhile. Work that fans out takes turns instead:
// TURN_SIZE callers at a time, then the event loop serves I/O before the next ones.

/** Callers let through per turn: a few milliseconds of work. */
const TURN_SIZE = 100;

const waiting: Array<() => void> = [];
let scheduled = false;

/** Resolves when it is this caller's turn (at once when few are waiting). */
export function takeTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!scheduled) {
      scheduled = true;
      setImmediate(releaseTurn);
    }
  });
}

function releaseTurn() {
  for (const resolve of waiting.splice(0, TURN_SIZE)) resolve();
  // setImmediate, not a microtask: the poll phase (incoming requests) runs before the next turn.
  if (waiting.length > 0) setImmediate(releaseTurn);
  else scheduled = false;
}
