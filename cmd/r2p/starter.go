package main

// starterSite is what "r2p new site" writes: the smallest site that shows
// every part of the layout and builds at once. Its one brief is a draft
// holding instructions rather than claims, because a monitor's briefs must
// come from its own sources.
var starterSite = map[string]string{
	"content/site.yaml": `title: My R2P Monitor
description: Situation briefs and treaty data on the Responsibility to Protect.
base_url: https://example.org/
language: en
as_of: 2016-07-22
author: My organisation
license: CC-BY-4.0
markdown:
  unsafe: false
  highlight_style: github
`,
	"content/index.md": `---
title: My R2P Monitor
summary: Which populations are at risk of atrocity crimes, and what states have promised and done.
---

This monitor publishes situation briefs and the treaty commitments of each
state, with a source for every fact. Edit this text in content/index.md.
`,
	"content/about.md": `---
title: About
summary: Who publishes this monitor and how to reach them.
menu: main
weight: 10
---

Say who publishes this monitor, how briefs are written and reviewed, and how
to report an error.
`,
	"content/situations/example.md": `---
title: Example situation
states: [SYR]
risk: serious-concern
date: 2016-07-22
summary: A model brief; replace it with your own assessment.
sources: [A/70/999-S/2016/620]
draft: true
---

This brief is a draft, so "r2p build" leaves it out; "r2p serve --drafts"
shows it. Replace the front matter with the situation you assess and write
the body in numbered paragraphs.

## Why this risk level

Name the facts that justify the level and cite each source, for example a
UN document symbol such as A/70/999-S/2016/620, which becomes a link.
`,
	"content/data/treaties.csv": `id,title,short_title,adopted,in_force,depositary,untc,url
genocide-convention,Convention on the Prevention and Punishment of the Crime of Genocide,Genocide Convention,1948-12-09,1951-01-12,Secretary-General of the United Nations,IV-1,https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=IV-1&chapter=4
`,
	"static/.keep": "",
	// The build's output, and the previous output it keeps beside it to
	// write only what changed, are not sources.
	".gitignore": "/public/\n/.public.prev/\n",
	"templates/README.md": `Put a template here to replace the built-in one of the same name, for
example templates/partials/footer.html. Copy the original from the r2p
repository's templates/ directory and edit it.
`,
}
