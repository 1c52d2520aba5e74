// The App Home tab: the person's own view, published with views.publish when they open it. Minimal for now (who
// teampulse is, whether their account is linked, what it keeps, how to ask it things); the command layer (issue I)
// fills it with the person's own figures through `content`. Written in the person's Slack locale (zh-* ⇒ 中文).
import type { WebClient } from '@slack/web-api';
import { t, type Locale } from '../../src/core/i18n/index.js';
import type { OutboundMessage } from '../../src/core/messages/types.js';
import { renderSlack } from './render.js';

/** Slack's user locale ("zh-CN", "en-US", …) → ours. */
export function localeOf(slackLocale: string | undefined, fallback: Locale = 'en'): Locale {
  if (!slackLocale) return fallback;
  return slackLocale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function homeMessage(locale: Locale, linked: boolean, content: OutboundMessage['blocks'] = []): OutboundMessage {
  return {
    blocks: [
      { type: 'header', text: t(locale, 'slack.home.title') },
      { type: 'text', text: t(locale, 'slack.home.intro') },
      ...(linked ? content : [{ type: 'text' as const, text: t(locale, 'slack.home.unknown') }]),
      { type: 'context', text: t(locale, 'slack.home.commands') },
      { type: 'context', text: t(locale, 'slack.home.privacy') },
    ],
    fallbackText: t(locale, 'slack.home.title'),
  };
}

/** Publishes the Home tab for one user. */
export async function publishHome(web: WebClient, userId: string, message: OutboundMessage): Promise<void> {
  const { blocks } = renderSlack(message);
  await web.views.publish({ user_id: userId, view: { type: 'home', blocks } });
}
