//! What a host and each wiki must do for Strata's embeds to work, as data: the Embed dialog shows it, and
//! docs/HOSTING.md repeats it word for word (a test keeps the two equal).

/// The steps for one place Strata is served from or embedded in. Plain text, no markup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HostSteps {
    pub heading: &'static str,
    pub steps: &'static [&'static str],
}

const STATIC_HOST: HostSteps = HostSteps {
    heading: "The host that serves Strata",
    steps: &[
        "Serve .wasm files as application/wasm, .js as text/javascript and .css as text/css.",
        "For embeds, send Access-Control-Allow-Origin: * with every file of the bundle. The embed's sandboxed frame has an opaque origin, so the browser fetches the module scripts, the wasm and the stylesheets as cross-origin requests, even from the host that serves the page.",
        "Send no X-Frame-Options header, and no Content-Security-Policy frame-ancestors that leaves out the wiki.",
        "Keep the page's own Content-Security-Policy; a header of the host's own must allow script-src 'self' 'wasm-unsafe-eval', style-src 'self' and connect-src 'self'.",
    ],
};

const IFRAME: HostSteps = HostSteps {
    heading: "The iframe",
    steps: &[
        // Keep in step with EMBED_SANDBOX (a test checks).
        "Keep the snippet's sandbox=\"allow-scripts allow-popups allow-popups-to-escape-sandbox\": scripts run the app, and \"Open this decision in Strata\" opens the full app in a new window. The embedded view offers no downloads or copies, so it needs no other permission.",
    ],
};

const CONFLUENCE: HostSteps = HostSteps {
    heading: "Confluence",
    steps: &[
        "Data Center and Server: an administrator enables the HTML macro; insert it and paste the Confluence snippet into its body.",
        "If the site's Content-Security-Policy limits frame-src, it must allow the Strata host.",
        "Confluence Cloud has no HTML macro: paste the plain link, or give an iframe or embed macro the src URL of the HTML (iframe) snippet.",
    ],
};

const MEDIAWIKI: HostSteps = HostSteps {
    heading: "MediaWiki",
    steps: &[
        "Paste the MediaWiki link into the page source; it works on every MediaWiki.",
        "MediaWiki removes iframes from wikitext: the iframe snippet needs an extension that allows iframes from trusted hosts (for example Widgets). Do not enable $wgRawHtml on a wiki anyone can edit.",
    ],
};

const GITHUB_WIKI: HostSteps = HostSteps {
    heading: "GitHub wiki and other Markdown",
    steps: &[
        "GitHub renders no iframes: paste the Markdown link, and the ADR for the diagrams (its Mermaid blocks render as diagrams).",
    ],
};

const HOST_REQUIREMENTS: [HostSteps; 5] = [STATIC_HOST, IFRAME, CONFLUENCE, MEDIAWIKI, GITHUB_WIKI];

/// What a host and each wiki must do, in the order the Embed dialog and docs/HOSTING.md show it.
pub fn host_requirements() -> &'static [HostSteps] {
    &HOST_REQUIREMENTS
}
