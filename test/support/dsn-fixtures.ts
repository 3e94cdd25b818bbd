// A delivery status notification (RFC 3464) as a relay returns one, for the DSN parser's tests.
export function dsnReport(
  recipients: Array<{ final: string; original?: string; status: string; action?: string }>,
  id = '<dsn-1@relay.example>',
) {
  const blocks = recipients
    .map((r) =>
      [
        ...(r.original ? [`Original-Recipient: rfc822;${r.original}`] : []),
        `Final-Recipient: rfc822; ${r.final}`,
        `Action: ${r.action ?? (r.status.startsWith('5') ? 'failed' : 'delayed')}`,
        `Status: ${r.status}`,
        `Diagnostic-Code: smtp; 550 ${r.status} <${r.final}>: no such user`,
      ].join('\r\n'),
    )
    .join('\r\n\r\n');
  return [
    'From: Mail Delivery System <mailer-daemon@relay.example>',
    'To: desk@news.example',
    'Subject: Undelivered Mail Returned to Sender',
    `Message-ID: ${id}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status;',
    '\tboundary="B0UND/ARY"',
    '',
    'This is a MIME-encapsulated message.',
    '',
    '--B0UND/ARY',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'I could not deliver your message.',
    '',
    '--B0UND/ARY',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; relay.example',
    'Arrival-Date: Fri, 27 Nov 2026 09:00:01 +0000',
    '',
    blocks,
    '',
    '--B0UND/ARY',
    'Content-Type: text/rfc822-headers',
    '',
    'Message-ID: <send-1.sub-1@news.example>',
    'Subject: This week',
    '',
    '--B0UND/ARY--',
    '',
  ].join('\r\n');
}
