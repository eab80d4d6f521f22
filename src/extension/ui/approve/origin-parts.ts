// An origin split for display, so its end (the part a site cannot choose freely) stands out:
// `https://app.uniswap.org.verify.attacker.xyz` → lead `https://app.uniswap.org.verify.`, end
// `attacker.xyz`. Without a public-suffix list the end is the last two labels and the port: for a
// two-part suffix (`shop.example.co.uk`) that is the suffix alone, less than the registrable
// domain but never more, so a site cannot have a label of its choice emphasised as if it were the
// domain (guessing `org.io` to be a suffix would put `uniswap.org.io` in bold). The whole origin
// is always shown with it.

export interface OriginParts {
  /** Scheme and the labels a registrant chooses freely: `https://app.uniswap.org.verify.`. */
  lead: string;
  /** The last labels of the host and the port: `attacker.xyz:8443`. */
  end: string;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** `lead + end` is always exactly `origin`. */
export function originParts(origin: string): OriginParts {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return { lead: origin, end: '' };
  }
  // Anything but a plain scheme://host[:port] (an opaque origin, a path) is shown as it came.
  if (url.origin !== origin || !url.host) return { lead: origin, end: '' };
  const host = url.hostname;
  const port = url.port ? `:${url.port}` : '';
  const scheme = `${url.protocol}//`;
  const labels = host.split('.');
  // IP addresses, IPv6 (`[::1]`) and single-label hosts (`localhost`) are emphasised whole.
  const whole = IPV4.test(host) || host.startsWith('[') || labels.length <= 2;
  const kept = whole ? labels.length : 2;
  if (kept >= labels.length) return { lead: scheme, end: host + port };
  return {
    lead: `${scheme}${labels.slice(0, -kept).join('.')}.`,
    end: labels.slice(-kept).join('.') + port,
  };
}
