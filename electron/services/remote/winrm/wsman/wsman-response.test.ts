import { describe, expect, it } from 'vitest';
import { buildEnvelope, commandBody } from './wsman-envelope';
import { parseCommandId, parseFault, parseReceive, parseShellId } from './wsman-response';

const wrap = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd" xmlns:x="http://schemas.xmlsoap.org/ws/2004/09/transfer" xmlns:rsp="http://schemas.microsoft.com/wbem/wsman/1/windows/shell"><env:Header/><env:Body>${body}</env:Body></env:Envelope>`;

describe('WS-Management response parsing', () => {
  it('reads a fault with its WSManFault detail', () => {
    const fault = parseFault(
      wrap(
        '<env:Fault><env:Code><env:Value>env:Sender</env:Value><env:Subcode><env:Value>w:AccessDenied</env:Value></env:Subcode></env:Code>' +
          '<env:Reason><env:Text xml:lang="en-US">Access is denied. </env:Text></env:Reason>' +
          '<env:Detail><f:WSManFault xmlns:f="http://schemas.microsoft.com/wbem/wsman/1/wsmanfault" Code="5" Machine="h"><f:Message>Access &amp; more</f:Message></f:WSManFault></env:Detail></env:Fault>',
      ),
    );
    expect(fault).toEqual({ code: 'env:Sender', subcode: 'w:AccessDenied', reason: 'Access is denied.', wsmanCode: 5, wsmanMessage: 'Access & more' });
    expect(parseFault(wrap('<rsp:CommandResponse><rsp:CommandId>1</rsp:CommandId></rsp:CommandResponse>'))).toBeUndefined();
  });

  it('finds the ShellId in either place Windows puts it', () => {
    expect(parseShellId(wrap('<x:ResourceCreated><a:ReferenceParameters><w:SelectorSet><w:Selector Name="ShellId">ABC</w:Selector></w:SelectorSet></a:ReferenceParameters></x:ResourceCreated>'))).toBe('ABC');
    expect(parseShellId(wrap('<rsp:Shell><rsp:ShellId>DEF</rsp:ShellId></rsp:Shell>'))).toBe('DEF');
    expect(() => parseShellId(wrap('<x:ResourceCreated/>'))).toThrow(/ShellId/);
  });

  it('decodes streams and the final command state', () => {
    const done = 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandState/Done';
    const chunk = parseReceive(
      wrap(
        `<rsp:ReceiveResponse><rsp:Stream Name="stdout" CommandId="C">${Buffer.from('héllo').toString('base64')}</rsp:Stream>` +
          `<rsp:Stream Name="stdout" CommandId="C" End="true"></rsp:Stream><rsp:Stream Name="stderr" CommandId="C">${Buffer.from('oops').toString('base64')}</rsp:Stream>` +
          `<rsp:CommandState CommandId="C" State="${done}"><rsp:ExitCode>3</rsp:ExitCode></rsp:CommandState></rsp:ReceiveResponse>`,
      ),
    );
    expect(Buffer.concat(chunk.stdout).toString()).toBe('héllo');
    expect(Buffer.concat(chunk.stderr).toString()).toBe('oops');
    expect(chunk).toMatchObject({ done: true, exitCode: 3 });
    expect(parseCommandId(wrap('<rsp:CommandResponse><rsp:CommandId>X-1</rsp:CommandId></rsp:CommandResponse>'))).toBe('X-1');
  });

  it('rejects what is not a SOAP envelope', () => {
    expect(() => parseReceive('<html>Bad Request</html>')).toThrow(/SOAP envelope/);
    expect(() => parseReceive('<<<')).toThrow();
  });

  it('escapes what goes into envelopes', () => {
    const envelope = buildEnvelope({ to: 'http://h:5985/wsman', action: 'A', shellId: 'S"<', operationTimeoutSeconds: 20, maxEnvelopeSize: 1000, body: commandBody('cmd', ['a&b']) });
    expect(envelope).toContain('<w:Selector Name="ShellId">S&quot;&lt;</w:Selector>');
    expect(envelope).toContain('<rsp:Arguments>a&amp;b</rsp:Arguments>');
    expect(envelope).toContain('<w:OperationTimeout>PT20S</w:OperationTimeout>');
  });
});
