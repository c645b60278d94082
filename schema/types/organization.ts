import { builder } from '../builder.js';

export const Organization = builder.drizzleObject('organizations', {
  name: 'Organization',
  description: 'The lab or company a paper was published under on Hugging Face.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Short handle, e.g. "google".' }),
    fullName: t.exposeString('fullName', { nullable: true, description: 'Display name, e.g. "Google".' }),
  }),
});
