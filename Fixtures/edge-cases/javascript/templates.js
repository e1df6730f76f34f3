// Template literals nest; a reader inside ${…} is code, the text around it is not.
const a = `outer ${`inner ${process.env.NESTED_TEMPLATE} text`} done`;
const b = `no reader here: process.env.TEMPLATE_TEXT`;
const re = /["'`]process.env.IN_REGEX/g;
const c = x / y / process.env.AFTER_DIVISION;
/* multi-line
   process.env.IN_BLOCK_COMMENT
*/
const d = "escaped \" quote process.env.IN_ESCAPED_STRING";
const e = 'single \' quote'; const f = process.env.AFTER_ESCAPED_QUOTE;
const {
  MULTI_A,
  MULTI_B: renamed,
  ...others
} = process.env;
const g = import.meta.env.VITE_PUBLIC_KEY, h = Deno.env.get("DENO_TOKEN"), i = Bun.env["BUN_TOKEN"];
