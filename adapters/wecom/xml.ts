// XML for WeCom callbacks, through fast-xml-parser (a maintained parser; no hand-written regexes). Every value stays a
// STRING (parseTagValue: false): MsgId is a 64-bit number (4561255354251345929 > 2^53) or even a base64 string in
// newer payloads, so it must never become a JS number. DOCTYPE/ENTITY declarations are refused outright — WeCom never
// sends them, and they are the vector of entity-expansion attacks.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** Elements that may repeat; always parsed as arrays so one and many look alike. */
const REPEATED = new Set([
  'SelectedItem',
  'OptionId',
  'Item',
  'SpRecord',
  'Details',
  'NodeList',
  'SubNodeList',
  'Comments',
  'Notifyer',
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => REPEATED.has(name),
});

export type XmlNode = Record<string, unknown>;

/** The children of the root `<xml>` element, or undefined when the text is not well-formed WeCom XML. */
export function parseXml(text: string): XmlNode | undefined {
  if (text.length > 1024 * 1024 || /<!(DOCTYPE|ENTITY)/i.test(text)) return undefined;
  if (XMLValidator.validate(text) !== true) return undefined;
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch {
    return undefined;
  }
  const root = (parsed as { xml?: unknown } | undefined)?.xml;
  return root !== null && typeof root === 'object' && !Array.isArray(root) ? (root as XmlNode) : undefined;
}

/** A text value ('' for an empty element); undefined when absent or not a leaf. */
export function text(node: XmlNode | undefined, key: string): string | undefined {
  const value = node?.[key];
  if (value === '' || typeof value === 'string') return value;
  return undefined;
}

export function child(node: XmlNode | undefined, key: string): XmlNode | undefined {
  const value = node?.[key];
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as XmlNode) : undefined;
}

export function children(node: XmlNode | undefined, key: string): XmlNode[] {
  const value = node?.[key];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is XmlNode => v !== null && typeof v === 'object' && !Array.isArray(v));
}

const escapeCdata = (value: string): string => value.replace(/]]>/g, ']]]]><![CDATA[>');

/** `<Name><![CDATA[value]]></Name>` — for the passive replies we build. */
export function cdata(name: string, value: string): string {
  return `<${name}><![CDATA[${escapeCdata(value)}]]></${name}>`;
}
