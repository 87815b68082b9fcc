/** The domain: what a record is, shared by the app and the server. */
export * from './common';
export * from './customer';
export * from './order';
export * from './service';
export * from './visit';
export * from './campaign';
export * from './collections';
export * from './ids';
