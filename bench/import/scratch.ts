import { sql } from 'drizzle-orm';
import { openDatabase } from '@mini-crm/db';
(async () => {
  for (const url of [undefined, 'postgres://postgres@127.0.0.1:5432/test']) {
    const h = await openDatabase({ url });
    const r = await h.db.execute(sql`select x from unnest(${sql.param(['a', 'b', null])}::text[]) x where x = any(${sql.param(['a'])}::text[])`);
    console.log(h.driver, r.rows);
    const r2 = await h.db.execute(sql`select ${sql.param(['q"x', 'y,z'])}::text[] as t, ${JSON.stringify({a:1})}::jsonb as j, ${new Date(0)}::timestamptz as d`);
    console.log(h.driver, r2.rows);
    await h.close();
  }
})();
