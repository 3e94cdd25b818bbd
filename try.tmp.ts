import { importHtml } from './src/modules/articles/document/parse-html.ts';
import { renderText } from './src/modules/articles/document/render-text.ts';
const cases = [
  '<p>before</p><svg><style>.a{}</style></svg><p>after</p>',
  '<p>before</p><svg><script>x</script></svg><p>after</p>',
  '<p>before</p><svg><rect/><p>after unclosed svg</p>',
  '<p>before</p><math><mi>x</mi><mo>=</mo><mn>2</mn><p>after unclosed math</p>',
  '<p>before</p><svg><text>svg text</text></svg><p>after</p>',
  '<p>a</p><template><p>tpl</p></template><p>b</p><noscript><p>nos</p></noscript><p>c</p>',
  '<p>x<![CDATA[cdata]]>y</p><!-- c --><p>z</p>',
  '<form><p>Join us</p><button>Send</button><textarea>typed</textarea></form>',
  '<script>var s = "<svg>";</script><p>after script</p>',
];
for (const c of cases) {
  const r = importHtml(c);
  console.log('IN ', c);
  console.log('OUT', JSON.stringify(renderText(r.document as never)), JSON.stringify(r.warnings));
}
