import 'reflect-metadata';
import { runServer } from '@mini-crm/api/bootstrap';

// Queue consumers only (imports, campaign sends, scheduled launches); scale it out with replicas.
runServer('worker').catch((e) => {
  console.error(e);
  process.exit(1);
});
