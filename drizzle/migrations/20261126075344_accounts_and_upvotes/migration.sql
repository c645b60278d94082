CREATE TABLE "auth_tokens" (
	"token_hash" text PRIMARY KEY,
	"user_id" integer NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp(3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limit_hits" (
	"key" text,
	"window_start" timestamp(3) with time zone,
	"hits" integer NOT NULL,
	CONSTRAINT "rate_limit_hits_pkey" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
CREATE TABLE "upvotes" (
	"user_id" integer,
	"paper_id" integer,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "upvotes_pkey" PRIMARY KEY("user_id","paper_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY,
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "papers_source_upvotes_idx";--> statement-breakpoint
ALTER TABLE "papers" ADD COLUMN "local_upvotes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "papers" ADD COLUMN "upvote_count" integer GENERATED ALWAYS AS (source_upvotes + local_upvotes) STORED;--> statement-breakpoint
ALTER TABLE "papers" ADD COLUMN "submitted_by_id" integer;--> statement-breakpoint
CREATE INDEX "auth_tokens_user_idx" ON "auth_tokens" ("user_id");--> statement-breakpoint
CREATE INDEX "papers_upvote_count_idx" ON "papers" ("upvote_count","id");--> statement-breakpoint
CREATE INDEX "papers_submitted_by_idx" ON "papers" ("submitted_by_id","added_at");--> statement-breakpoint
CREATE INDEX "upvotes_paper_recent_idx" ON "upvotes" ("paper_id","created_at");--> statement-breakpoint
CREATE INDEX "upvotes_user_recent_idx" ON "upvotes" ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_lower_idx" ON "users" (lower("username"));--> statement-breakpoint
ALTER TABLE "auth_tokens" ADD CONSTRAINT "auth_tokens_user_id_users_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "papers" ADD CONSTRAINT "papers_submitted_by_id_users_id_fkey" FOREIGN KEY ("submitted_by_id") REFERENCES "users"("id") ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE "upvotes" ADD CONSTRAINT "upvotes_user_id_users_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "upvotes" ADD CONSTRAINT "upvotes_paper_id_papers_id_fkey" FOREIGN KEY ("paper_id") REFERENCES "papers"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "papers" ADD CONSTRAINT "papers_local_upvotes_non_negative" CHECK ("local_upvotes" >= 0);