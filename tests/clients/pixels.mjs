// Colours and pixels: WCAG contrast of CSS colours, and what a PNG shows under each text of an SVG.
import fs from 'node:fs';

/** [r, g, b] of `#rgb`, `#rrggbb` or `rgb(r, g, b)`. */
function rgb(colour) {
  const hex = colour.match(/^#([0-9a-f]{3}|[0-9a-f]{6})$/i);
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((c) => c + c).join('') : hex[1];
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
  }
  const fn = colour.match(/^rgb\((\d+), (\d+), (\d+)\)$/);
  if (fn) return fn.slice(1).map(Number);
  throw new Error(`not a literal colour: ${colour}`);
}

function luminance(colour) {
  const [r, g, b] = rgb(colour).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio (1 to 21). */
export function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/**
 * Loads `png` (rendered from `svg` at its own size) into `page` next to the SVG itself. Returns the share of the
 * most common colour and the number of colours; leaves in `window.textChecks`, for each text, its literal
 * colour, its box's colour, and the share of pixels in its bounding box nearer the text colour than the box's.
 */
export async function pixelsOf(page, png, svg) {
  const data = fs.readFileSync(png).toString('base64');
  const inline = svg.replace(/^<\?xml[^>]*>\s*/, '');
  await page.setContent(`<!doctype html><html><body style="margin:0">${inline}</body></html>`);
  return page.evaluate(async ([data, rgbSource]) => {
    const rgb = new Function(`return ${rgbSource}`)();
    const img = new Image();
    img.src = `data:image/png;base64,${data}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [img.width, img.height];
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, img.width, img.height).data;
    const counts = new Map();
    for (let i = 0; i < px.length; i += 4) {
      const key = (px[i] << 16) | (px[i + 1] << 8) | px[i + 2];
      counts.set(key, (counts.get(key) || 0) + 1);
    }
    const share = Math.max(...counts.values()) / (px.length / 4);
    const svgEl = document.querySelector('svg');
    const scale = img.width / svgEl.viewBox.baseVal.width;
    const dist = (i, c) => Math.hypot(px[i] - c[0], px[i + 1] - c[1], px[i + 2] - c[2]);
    window.textChecks = [...svgEl.querySelectorAll('g')].flatMap((g) => {
      // A missing fill is black, SVG's initial value.
      const under = g.querySelector('rect').getAttribute('fill') || '#000';
      return [...g.querySelectorAll('text')].map((t) => {
        const fill = t.getAttribute('fill') || '#000';
        const b = t.getBBox();
        const [tc, uc] = [rgb(fill), rgb(under)];
        let ink = 0, all = 0;
        for (let y = Math.floor(b.y * scale); y < Math.ceil((b.y + b.height) * scale); y++) {
          for (let x = Math.floor(b.x * scale); x < Math.ceil((b.x + b.width) * scale); x++) {
            const i = (y * img.width + x) * 4;
            all++;
            if (dist(i, tc) < dist(i, uc)) ink++;
          }
        }
        return { text: t.textContent, fill, under, ink: all ? ink / all : 0 };
      });
    });
    return { share, colours: counts.size };
  }, [data, rgb.toString()]);
}
