import { sql } from 'drizzle-orm';
import type { DbHandle } from './database';
import { openDatabase } from './open-database';
import { rowsOf } from './rows';
import { afterCommit, withTransaction } from './transaction';

describe('afterCommit', () => {
  let h: DbHandle;
  const seen: string[] = [];
  const count = async () => Number(rowsOf(await h.db.execute(sql`select count(*)::int as n from t`))[0]['n']);

  beforeAll(async () => {
    h = await openDatabase({});
    await h.db.execute(sql`create table t (v text)`);
  });
  afterAll(() => h.close());
  beforeEach(() => (seen.length = 0));

  it('runs work once the transaction has committed, before withTransaction resolves', async () => {
    await withTransaction(h.db, async (tx) => {
      await tx.execute(sql`insert into t values ('a')`);
      await afterCommit(tx, async () => void seen.push(`after commit, ${await count()} row(s)`));
      seen.push('in the transaction');
    });
    expect(seen).toEqual(['in the transaction', 'after commit, 1 row(s)']);
  });

  it('never runs work of a rolled-back transaction', async () => {
    await expect(
      withTransaction(h.db, async (tx) => {
        await afterCommit(tx, () => void seen.push('must not run'));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(seen).toEqual([]);
  });

  it('a savepoint hands its work to the enclosing transaction; a rolled-back savepoint drops it', async () => {
    await withTransaction(h.db, async (tx) => {
      await withTransaction(tx, async (sp) => afterCommit(sp, () => void seen.push('kept savepoint')));
      await withTransaction(tx, async (sp) => {
        await afterCommit(sp, () => void seen.push('rolled-back savepoint'));
        throw new Error('undo the savepoint');
      }).catch(() => undefined);
      seen.push('outer body done');
    });
    expect(seen).toEqual(['outer body done', 'kept savepoint']);
  });

  it('runs at once outside a transaction, and a failing piece of work does not fail the committed caller', async () => {
    await afterCommit(h.db, () => void seen.push('no transaction'));
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    await withTransaction(h.db, async (tx) => {
      await afterCommit(tx, () => {
        throw new Error('publisher down');
      });
      await afterCommit(tx, () => void seen.push('the next one still runs'));
    });
    expect(seen).toEqual(['no transaction', 'the next one still runs']);
    expect(warn.mock.calls).toEqual([['work after a commit failed: publisher down']]);
    warn.mockRestore();
  });
});
