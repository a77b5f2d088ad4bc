export * from './lib/users.module';
export * from './lib/users.service';
export * from './lib/user.mapper';
export * from './lib/admission/admission.service';
export * from './lib/admission/admission.policy';
