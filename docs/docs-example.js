// obplay embeds in a documentation page: load each playground only when it is clicked
// (data-load="click") or scrolled near the viewport (data-load="visible"), so a page with five
// embeds fetches nothing heavy until a reader wants one; then size each iframe to the height it
// reports, so the page scrolls, not the iframe.
//
// Markup (copy it; the script needs nothing else):
//   <div class="obplay-embed" data-load="click" data-title="…" data-src="https://…/obplay/?embed=1&…">
//     <p>What the example shows.</p>
//     <button type="button">Load the playground</button>
//   </div>
//
// Height messages: the playground posts {type: 'obplay:height', height} to its parent whatever
// the parent's origin. A message is read only if it comes from an iframe this script created
// and from the origin that iframe's src names, so docs hosted anywhere can embed it.

const frames = new Map(); // iframe -> the origin its src names

function load(box) {
  if (box.dataset.loaded) return;
  box.dataset.loaded = 'yes';
  const frame = document.createElement('iframe');
  frame.className = 'playground';
  frame.title = box.dataset.title || 'obplay';
  frame.height = box.dataset.height || '480';
  frame.src = box.dataset.src;
  frames.set(frame, new URL(frame.src, window.location.href).origin);
  box.replaceChildren(frame);
}

for (const box of document.querySelectorAll('.obplay-embed[data-src]')) {
  const button = box.querySelector('button');
  if (button) button.addEventListener('click', () => load(box));
  if (box.dataset.load === 'visible' && 'IntersectionObserver' in window) {
    const seen = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        seen.disconnect();
        load(box);
      }
    }, { rootMargin: '100px' });
    seen.observe(box);
  }
}

window.addEventListener('message', (ev) => {
  const data = ev.data;
  if (!data || data.type !== 'obplay:height') return;
  const height = Number(data.height);
  if (!Number.isFinite(height) || height <= 0) return;
  for (const [frame, origin] of frames) {
    if (frame.contentWindow === ev.source && ev.origin === origin) {
      frame.height = String(Math.ceil(Math.min(height, 5000)));
      frame.dataset.reported = 'yes';
    }
  }
});
