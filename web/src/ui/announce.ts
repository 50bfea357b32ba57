/** Screen-reader announcements through the live regions in index.html. */

let scheduled = false;
const queue: string[] = [];

function flush() {
  scheduled = false;
  const region = document.getElementById('announcer');
  if (!region) return;
  // Clearing first makes a repeated sentence be read again.
  region.textContent = '';
  const text = queue.splice(0).join('. ');
  setTimeout(() => {
    region.textContent = text;
  }, 50);
}

/** Polite announcement; several within 300 ms are read as one. */
export function announce(text: string) {
  queue.push(text);
  if (scheduled) return;
  scheduled = true;
  setTimeout(flush, 300);
}

/** Assertive announcement, for errors. */
export function alertText(text: string) {
  const region = document.getElementById('alerter');
  if (!region) return;
  region.textContent = '';
  setTimeout(() => {
    region.textContent = text;
  }, 50);
}
