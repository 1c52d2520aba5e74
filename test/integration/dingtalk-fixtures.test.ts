// Replays the real DingTalk payloads collected in shared/fixtures/dingtalk (outside the repository; see its
// SOURCES.md) through the adapter's parsers, crypto and error mapping. Skips when that folder is not there.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { legacyApiError } from '../../adapters/dingtalk/api.js';
import { callbackSignature, checkCallbackSignature, decryptCallback } from '../../adapters/dingtalk/crypto.js';
import {
  commandEvent,
  commandOf,
  eventFromHttp,
  eventFromStream,
  eventOutcome,
  parseCardCallback,
  parseRobotMessage,
} from '../../adapters/dingtalk/parse.js';
import { isPlatformSendError } from '../../src/core/platform.js';

const root = join(import.meta.dirname, '..', '..');
// From the integration worktree the folder is ../shared; from a stream's worktree (/work/wt/<name>) ../../shared.
const folder = [
  join(root, '..', 'shared', 'fixtures', 'dingtalk'),
  join(root, '..', '..', 'shared', 'fixtures', 'dingtalk'),
].find((path) => existsSync(path));
const load = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(folder!, name), 'utf8')) as Record<string, unknown>;
const now = new Date('2026-11-30T02:00:00Z');
const options = { leaveProcessCodes: [] as string[], now };

describe.skipIf(!folder)('DingTalk fixtures (shared/fixtures/dingtalk)', () => {
  it('parses every robot message: a command for text, none for media; never text in the event', () => {
    const files = readdirSync(folder!).filter((f) => f.startsWith('robot_msg_'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const message = parseRobotMessage(load(file));
      expect(message, file).toBeDefined();
      expect(message!.conversation, file).toBe('dm');
      const event = commandEvent(message!, now);
      const body = load(file);
      if (body.msgtype === 'text' || body.msgtype === 'audio') expect(event, file).toBeDefined();
      if (body.msgtype === 'picture' || body.msgtype === 'file' || body.msgtype === 'unknownMsgType')
        expect(event, file).toBeUndefined();
    }
    const http = load('robot_http_callback_text_group_at.docs.json');
    const group = parseRobotMessage(http.body)!;
    expect(group.conversation).toBe('group');
    expect(commandOf(group.text)).toEqual({ command: '你好', args: [] });
    // The Stream frame of a group message: data is a JSON string (with the docs' "createA" typo).
    const frame = load('stream_callback_frame_bot_message.developerpedia.json');
    const streamed = parseRobotMessage(JSON.parse(frame.data as string))!;
    expect(commandEvent(streamed, now)?.command).toBe('测试数据');
  });

  it('reads card callbacks from Stream and HTTP (parsing JSON twice)', () => {
    const frame = load('stream_callback_frame_card_action.docs.json');
    expect(parseCardCallback(frame.data)?.candidates).toEqual(['single_button_node_ocltl6e6foq', 'like']);
    const http = load('card_callback_http_action.docs.json');
    expect(parseCardCallback(http.body)).toMatchObject({ userId: 'XXXXXX', candidates: ['1', 'accept'] });
  });

  it('maps the events in all their shapes', () => {
    const flattened = (name: string) => {
      const doc = load(name);
      return eventFromStream(doc, doc.data)!;
    };
    const leave = eventOutcome(flattened('event_stream_user_leave_org.docs.json'), options);
    expect(leave.signals.map((s) => [s.type, s.actor.id])).toEqual([['departure', '015xxxx227']]);
    expect(eventOutcome(flattened('event_stream_user_add_org.docs.json'), options).directoryChanged).toBe(true);
    expect(eventOutcome(flattened('event_stream_org_dept_create.docs.json'), options).directoryChanged).toBe(true);
    const wire = load('stream_event_frame_user_add_org.developerpedia.json');
    const wired = eventFromStream(wire.headers as Record<string, unknown>, wire.data)!;
    expect([wired.type, wired.eventId, eventOutcome(wired, options).directoryChanged]).toEqual([
      'user_add_org',
      'c7c7120f2c07419***ebdba0318c8',
      true,
    ]);
    const legacy = eventFromHttp(load('event_http_user_add_org_legacy.docs.json'))!;
    expect(eventOutcome(legacy, options).directoryChanged).toBe(true);
    expect(eventOutcome(eventFromHttp(load('event_http_check_url.docs.json'))!, options).check).toBe(true);
    // The docs' approval is a generic form ("自测-1016"): not leave, unless its process code is configured as one.
    const approval = eventFromHttp(load('event_http_bpms_instance_change_finish.docs.json'))!;
    expect(eventOutcome(approval, options).leaveLookup).toBeUndefined();
    expect(eventOutcome(approval, { ...options, leaveProcessCodes: ['Pro-xxx'] }).leaveLookup?.staffId).toBe(
      'manager75',
    );
    const refused = eventFromHttp(load('event_http_bpms_task_change_refuse_legacy.docs.json'))!;
    expect(eventOutcome(refused, options)).toMatchObject({ signals: [], directoryChanged: false });
    expect(eventOutcome(flattened('event_stream_attendance_check_record.docs.json'), options).signals).toEqual([]);
  });

  it('verifies and decrypts the published crypto vectors', () => {
    const push = load('http_callback_encrypted_check_create_suite_url.callback-crypto.json');
    const query = push.query as { signature: string; timestamp: string; nonce: string };
    const encrypt = (push.body as { encrypt: string }).encrypt;
    expect(checkCallbackSignature(push.token as string, query, encrypt)).toBe(true);
    const opened = decryptCallback(push.aes_key as string, encrypt, [push.owner_key as string]);
    expect(opened.message).toBe(push.decrypted);
    expect(() => decryptCallback(push.aes_key as string, encrypt, ['dingsomeoneelse'])).toThrow(/another app/);
    const reply = load('http_callback_response_encrypted_success.callback-crypto.json');
    const r = reply.reply as { msg_signature: string; timeStamp: string; nonce: string; encrypt: string };
    expect(callbackSignature(reply.token as string, r.timeStamp, r.nonce, r.encrypt)).toBe(r.msg_signature);
    expect(decryptCallback(reply.aes_key as string, r.encrypt, [reply.owner_key as string]).message).toBe('success');
  });

  it('codes the published API errors', () => {
    const ip = legacyApiError(load('api_error_60020_ip_whitelist.docs.json'), 'oapi.dingtalk.com');
    expect(isPlatformSendError(ip) && [ip.code, ip.retryable]).toEqual(['unauthorized', false]);
    const keywords = legacyApiError(load('robot_webhook_error_310000_keywords.issue.json').body as object, 'oapi');
    expect(isPlatformSendError(keywords) && keywords.code).toBe('bad_request');
    expect(legacyApiError(load('api_gettoken_ok.docs.json'), 'oapi')).toBeUndefined();
  });
});
