/** Crawlers that fetch a page only to draw a link preview when someone shares it; they never list pages in search. */
const LINK_PREVIEW_BOTS = [
  'LinkedInBot',
  'Twitterbot',
  'facebookexternalhit',
  'Slackbot-LinkExpanding',
  'Discordbot',
  'WhatsApp',
  'TelegramBot',
  'Mastodon',
] as const

/**
 * `robots.txt` for a registry site. By default search engines are kept out of `credentials/` (learners' names and
 * certificates stay out of search results) while link-preview crawlers may read the share pages, so a shared link
 * still shows its card: several of them (LinkedIn's, X's) honour robots.txt and would otherwise show nothing. The
 * share pages say `noindex` too, which covers engines that reach them by other links. With `indexCredentials` the
 * issuer opts in to search engines.
 *
 * robots.txt only works at the root of the host: a registry served under a path (`https://uni.example/microcerts`)
 * must have these lines merged into the host's own robots.txt.
 */
export function renderRobotsTxt(registryUrl: string, options: { indexCredentials?: boolean } = {}): string {
  const path = new URL(registryUrl).pathname.replace(/\/+$/, '')
  if (options.indexCredentials === true) return `# Written by microcert publish: the issuer lets search engines index its credentials.\nUser-agent: *\nAllow: /\n`
  return [
    '# Written by microcert publish. Link previews may read the share pages; search engines may not list credentials.',
    ...LINK_PREVIEW_BOTS.map((bot) => `User-agent: ${bot}`),
    'Allow: /',
    '',
    'User-agent: *',
    `Disallow: ${path}/credentials/`,
    '',
  ].join('\n')
}
