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

// Each wiki: three steps, from Strata's Share menu to the published page.

const CONFLUENCE_DC: HostSteps = HostSteps {
    heading: "Confluence Data Center or Server (HTML macro)",
    steps: &[
        "An administrator enables the HTML macro and, if the site's Content-Security-Policy limits frame-src, allows the Strata host.",
        "In Strata, open Share, then Embed\u{2026}, and press Copy under the Confluence snippet.",
        "In the Confluence editor, insert the HTML macro, paste the snippet into its body and publish.",
    ],
};

const CONFLUENCE_CLOUD: HostSteps = HostSteps {
    heading: "Confluence Cloud",
    steps: &[
        "Confluence Cloud has no HTML macro. In Strata, open Share, then Embed\u{2026}, and copy the src URL of the HTML (iframe) snippet; or use Share, then Copy link.",
        "In the page, insert an iframe or embed macro, if the site offers one, and give it that URL; otherwise paste the plain link.",
        "Publish. A frame that stays empty means the Strata host does not send Access-Control-Allow-Origin: * (see the host's steps).",
    ],
};

const MEDIAWIKI: HostSteps = HostSteps {
    heading: "MediaWiki",
    steps: &[
        "In Strata, open Share, then Embed\u{2026}, and press Copy under the MediaWiki link.",
        "Edit the page's source and paste the link; it works on every MediaWiki.",
        "MediaWiki removes iframes from wikitext: to show the decision itself, an administrator installs an extension that allows iframes from trusted hosts (for example Widgets) for the iframe snippet. Do not enable $wgRawHtml on a wiki anyone can edit.",
    ],
};

const GITHUB_WIKI: HostSteps = HostSteps {
    heading: "GitHub wiki and other Markdown",
    steps: &[
        "GitHub renders no iframes. In Strata, open Share, then Embed\u{2026}, and paste the Markdown link into the wiki page.",
        "For the reasoning and the diagrams, use Share, then Copy ADR, and paste it into a page: its Mermaid blocks render as diagrams.",
        "Or download a diagram with its Download SVG button, add the file to the wiki's repository and show it with ![the diagram](file.svg).",
    ],
};

const HOST_REQUIREMENTS: [HostSteps; 6] = [
    STATIC_HOST,
    IFRAME,
    CONFLUENCE_DC,
    CONFLUENCE_CLOUD,
    MEDIAWIKI,
    GITHUB_WIKI,
];

/// What a host and each wiki must do, in the order the Embed dialog and docs/HOSTING.md show it.
pub fn host_requirements() -> &'static [HostSteps] {
    &HOST_REQUIREMENTS
}
