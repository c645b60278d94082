// Importing each type file registers it on the builder; the schema is built once here.
import { builder } from './builder.js';
import './scalars.js';
import './types/organization.js';
import './types/author.js';
import './types/author-lookup.js';
import './types/co-author.js';
import './types/paper.js';
import './types/paper-lookup.js';
import './types/node-lookup.js';
import './types/paper-similar.js';
import './types/paper-feed.js';
import './types/user.js';
import './types/auth.js';
import './types/upvote.js';
import './types/upvote-connections.js';
import './types/submit-paper.js';
import './types/paper-subscriptions.js';
import './types/search.js';

export const schema = builder.toSchema({ sortSchema: true });
