CREATE TABLE "authors" (
	"id" serial PRIMARY KEY,
	"name" text NOT NULL UNIQUE
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" serial PRIMARY KEY,
	"name" text NOT NULL UNIQUE,
	"full_name" text
);
--> statement-breakpoint
CREATE TABLE "paper_authors" (
	"paper_id" integer,
	"author_id" integer NOT NULL,
	"position" integer,
	CONSTRAINT "paper_authors_pkey" PRIMARY KEY("paper_id","position")
);
--> statement-breakpoint
CREATE TABLE "papers" (
	"id" serial PRIMARY KEY,
	"arxiv_id" text NOT NULL UNIQUE,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"published_at" timestamp(3) with time zone NOT NULL,
	"added_at" timestamp(3) with time zone NOT NULL,
	"github_repo" text,
	"project_page" text,
	"organization_id" integer,
	"source_upvotes" integer DEFAULT 0 NOT NULL,
	"trending_score" double precision NOT NULL,
	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "papers_source_upvotes_non_negative" CHECK ("source_upvotes" >= 0)
);
--> statement-breakpoint
CREATE INDEX "paper_authors_author_idx" ON "paper_authors" ("author_id","paper_id");--> statement-breakpoint
CREATE INDEX "papers_added_at_idx" ON "papers" ("added_at","id");--> statement-breakpoint
CREATE INDEX "papers_published_at_idx" ON "papers" ("published_at","id");--> statement-breakpoint
CREATE INDEX "papers_source_upvotes_idx" ON "papers" ("source_upvotes","id");--> statement-breakpoint
CREATE INDEX "papers_trending_score_idx" ON "papers" ("trending_score","id");--> statement-breakpoint
CREATE INDEX "papers_organization_idx" ON "papers" ("organization_id");--> statement-breakpoint
ALTER TABLE "paper_authors" ADD CONSTRAINT "paper_authors_paper_id_papers_id_fkey" FOREIGN KEY ("paper_id") REFERENCES "papers"("id") ON DELETE CASCADE;--> statement-breakpoint
ALTER TABLE "paper_authors" ADD CONSTRAINT "paper_authors_author_id_authors_id_fkey" FOREIGN KEY ("author_id") REFERENCES "authors"("id");--> statement-breakpoint
ALTER TABLE "papers" ADD CONSTRAINT "papers_organization_id_organizations_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id");