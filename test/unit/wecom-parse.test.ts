// WeCom callback XML → neutral facts: text messages (MsgId kept as a string, numeric or base64), commands, card
// clicks, contact changes (departures, manager changes, re-syncs), approvals; retry keys; junk never throws.
import { describe, expect, it } from 'vitest';
import {
  commandEvent,
  commandOf,
  contactOutcome,
  deliveryKeyOf,
  parseCallback,
  parseEnvelope,
} from '../../adapters/wecom/parse.js';
import { parseXml } from '../../adapters/wecom/xml.js';

const textXml = (content: string, msgId = '4561255354251345929') =>
  `<xml><ToUserName><![CDATA[wwcorp]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName><CreateTime>1409659813</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId><AgentID>1000002</AgentID></xml>`;

describe('WeCom parse', () => {
  it('reads the encrypted envelope', () => {
    expect(
      parseEnvelope(
        '<xml><ToUserName><![CDATA[wwcorp]]></ToUserName>\n<Encrypt><![CDATA[abc+/=]]></Encrypt>\n<AgentID><![CDATA[1]]></AgentID>\n</xml>',
      ),
    ).toEqual({ toUserName: 'wwcorp', encrypt: 'abc+/=', agentId: '1' });
    expect(parseEnvelope('<xml><ToUserName>x</ToUserName></xml>')).toBeUndefined();
    expect(parseEnvelope('not xml')).toBeUndefined();
    expect(parseEnvelope('')).toBeUndefined();
  });

  it('keeps a 64-bit MsgId and a base64 MsgId as strings', () => {
    const numeric = parseCallback(textXml('hello'));
    expect(numeric).toMatchObject({ kind: 'text', msgId: '4561255354251345929', from: 'zhangsan', content: 'hello' });
    const base64 = parseCallback(textXml('x', 'CAIQg/PKxgYY2sC9tpuAgAMg9/zKaw=='));
    expect(base64).toMatchObject({ kind: 'text', msgId: 'CAIQg/PKxgYY2sC9tpuAgAMg9/zKaw==' });
    expect(deliveryKeyOf(numeric!)).toBe('msg:4561255354251345929');
  });

  it('turns text into a command (Chinese, ideographic space, slash) and nothing else', () => {
    expect(commandOf('风险\u3000销售一组')).toEqual({ command: '风险', args: ['销售一组'] });
    expect(commandOf(' /risk  sales-east ')).toEqual({ command: 'risk', args: ['sales-east'] });
    expect(commandOf('help')).toEqual({ command: 'help', args: [] });
    expect(commandOf('   ')).toBeUndefined();
    const parsed = parseCallback(textXml('risk sales-east'));
    if (parsed?.kind !== 'text') throw new Error('not text');
    const event = commandEvent(parsed)!;
    expect(event).toMatchObject({
      type: 'command',
      id: 'msg:4561255354251345929',
      command: 'risk',
      args: ['sales-east'],
    });
    expect(event.actor).toEqual({ kind: 'platform', id: 'zhangsan' });
    expect(event.occurredAt.toISOString()).toBe('2014-09-02T12:10:13.000Z');
    expect(JSON.stringify(event)).not.toContain('hello');
  });

  it('reads a template_card_event (docs shape) and keys it by TaskId + FromUserName', () => {
    const xml = `<xml>\n<ToUserName><![CDATA[toUser]]></ToUserName>\n<FromUserName><![CDATA[FromUser]]></FromUserName>\n<CreateTime>123456789</CreateTime>\n<MsgType><![CDATA[event]]></MsgType>\n<Event><![CDATA[template_card_event]]></Event>\n<EventKey><![CDATA[key111]]></EventKey>\n<TaskId><![CDATA[taskid111]]></TaskId>\n<CardType><![CDATA[text_notice]]></CardType>\n<ResponseCode><![CDATA[ResponseCode]]></ResponseCode>\n<AgentID>1</AgentID>\n<SelectedItems>\n    <SelectedItem>\n        <QuestionKey><![CDATA[QuestionKey1]]></QuestionKey>\n        <OptionIds>\n            <OptionId><![CDATA[OptionId1]]></OptionId>\n            <OptionId><![CDATA[OptionId2]]></OptionId>\n        </OptionIds>\n    </SelectedItem>\n</SelectedItems>\n</xml>`;
    const click = parseCallback(xml);
    expect(click).toEqual({
      kind: 'card_click',
      from: 'FromUser',
      createTime: 123456789,
      eventKey: 'key111',
      taskId: 'taskid111',
      cardType: 'text_notice',
      responseCode: 'ResponseCode',
      selected: [{ questionKey: 'QuestionKey1', optionIds: ['OptionId1', 'OptionId2'] }],
    });
    expect(deliveryKeyOf(click!)).toBe('card:taskid111:FromUser');
  });

  it('contact changes: delete_user ⇒ departure, a new DirectLeader ⇒ manager_change, all ⇒ re-sync', () => {
    const contact = (changeType: string, extra = '') =>
      parseCallback(
        `<xml><ToUserName><![CDATA[wwcorp]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>1403610513</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_contact]]></Event><ChangeType>${changeType}</ChangeType><UserID><![CDATA[zhangsan]]></UserID>${extra}</xml>`,
      );
    const deleted = contact('delete_user');
    if (deleted?.kind !== 'contact') throw new Error('not contact');
    const outcome = contactOutcome(deleted);
    expect(outcome.directoryChanged).toBe(true);
    expect(outcome.signals).toEqual([
      expect.objectContaining({
        type: 'departure',
        id: 'departure:zhangsan:1403610513',
        actor: { kind: 'platform', id: 'zhangsan' },
      }),
    ]);
    const updated = contact('update_user', '<DirectLeader><![CDATA[lisi,wangwu]]></DirectLeader>');
    if (updated?.kind !== 'contact') throw new Error('not contact');
    expect(contactOutcome(updated).signals).toEqual([
      expect.objectContaining({ type: 'manager_change', manager: { kind: 'platform', id: 'lisi' } }),
    ]);
    const renamed = contact('update_user', '<NewUserID><![CDATA[zhangsan001]]></NewUserID>');
    if (renamed?.kind !== 'contact') throw new Error('not contact');
    expect(contactOutcome(renamed)).toEqual({ signals: [], directoryChanged: true });
    // Several contact events in the same second do not share a retry key.
    expect(deliveryKeyOf(deleted)).not.toBe(deliveryKeyOf(updated));
  });

  it('reads sys_approval_change (docs shape)', () => {
    const xml = `<xml><ToUserName><![CDATA[ww1cSD21f1e9c0caaa]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>1571732272</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[sys_approval_change]]></Event><AgentID>3010040</AgentID><ApprovalInfo><SpNoStr><![CDATA[202506110001]]></SpNoStr><SpNo>202506110001</SpNo><SpName><![CDATA[请假]]></SpName><SpStatus>2</SpStatus><TemplateId><![CDATA[3TkaH]]></TemplateId><ApplyTime>1571728713</ApplyTime><Applyer><UserId><![CDATA[WuJunJie]]></UserId><Party><![CDATA[1]]></Party></Applyer><StatuChangeEvent>2</StatuChangeEvent></ApprovalInfo></xml>`;
    expect(parseCallback(xml)).toEqual({
      kind: 'approval',
      from: 'sys',
      createTime: 1571732272,
      spNo: '202506110001',
      spStatus: 2,
      applicant: 'WuJunJie',
      templateId: '3TkaH',
      statusChangeEvent: '2',
    });
  });

  it('junk, entity declarations and other events never throw', () => {
    for (const junk of [
      '',
      '<',
      '<xml>',
      '<xml><a></b></xml>',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><xml><MsgType>&a;</MsgType></xml>',
      'x'.repeat(2_000_000),
    ]) {
      expect(() => parseCallback(junk)).not.toThrow();
      expect(parseCallback(junk)).toBeUndefined();
    }
    expect(parseXml('<xml><MsgType>a</MsgType></xml>')).toEqual({ MsgType: 'a' });
    expect(
      parseCallback(
        '<xml><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType><Event>enter_agent</Event></xml>',
      ),
    ).toEqual({ kind: 'event', event: 'enter_agent', from: 'u', createTime: 1 });
  });
});
