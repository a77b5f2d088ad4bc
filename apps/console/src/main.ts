import { bootstrapApplication } from '@angular/platform-browser';
import { prefetchCustomerList } from '@mini-crm/console/customers';
import { appConfig } from './app/app.config';
import { App } from './app/app';
import { prefetchDisplaySettings } from './app/display-settings.initializer';

// The landing page's requests leave now and overlap bootstrapping instead of following it.
prefetchDisplaySettings();
prefetchCustomerList();
bootstrapApplication(App, appConfig).catch((err) => console.error(err));
