import 'reflect-metadata';
import { runServer } from '@mini-crm/api/bootstrap';

runServer('api').catch((e) => {
  console.error(e);
  process.exit(1);
});
