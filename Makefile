# Thin, documented shortcuts over npm, turbo, terraform and scripts/.
# Anything with logic lives in scripts/. `make` (or `make help`) lists them.

.DEFAULT_GOAL := help
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
AWS_ENV := terraform/envs/aws
# The operations commands run on the local Node; the SDK's warning about Node 20 is noise there.
OPS := AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true npx tsx

.PHONY: help dev sample test structure test-runtime test-doctor build package typecheck lint doctor deploy destroy clean tf-check bench soak status mail metrics redrive rerender

help: ## List the targets
	@echo "Usage: make <target>"
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-13s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

dev: ## Run the pipeline locally: moto + terraform/envs/local + local Lambda runtime (fresh state; Ctrl-C stops)
	@scripts/dev.sh

sample: ## Write samples/lake-at-sunset.jpg, a generated sample photo (CC0) to upload
	@$(OPS) scripts/sample/make-sample.ts

test: ## What CI runs: typecheck, lint, unit tests, package, integration + e2e, terraform checks
	@scripts/test.sh

structure: ## The structure check of the whole tree: files over 300 lines, functions over 80, import cycles
	@npm run --silent check -w @pipeline/code-checks

test-runtime: ## Unit tests of the local Lambda runtime (scripts/local)
	npx vitest run --config scripts/local/vitest.config.ts

test-doctor: ## Tests of make doctor: its decisions, and the whole doctor against a moto of its own (port 4640)
	npx vitest run --config scripts/doctor/vitest.config.ts

build: ## Bundle every function with esbuild (functions/*/dist/index.mjs)
	npx turbo run build

package: ## Build and zip every function (functions/*/dist/<name>.zip)
	npx turbo run package

typecheck: ## tsc in every workspace
	npx turbo run typecheck

lint: ## biome in every workspace
	npx turbo run lint

doctor: ## Check your AWS account before deploying: credentials, region, Lambda quota, SES sender, state backend
	@$(OPS) scripts/doctor/doctor.ts

deploy: doctor ## make doctor, build, package, apply terraform/envs/aws (asks first), publish the web app (docs/deploy.md)
	@echo "▸ build + package functions"
	npx turbo run package
	@echo "▸ terraform apply $(AWS_ENV)"
	scripts/terraform.sh $(AWS_ENV) apply
	@echo "▸ publish the web app (web/dist + config.json) to its bucket"
	npx tsx scripts/deploy/deploy-web.ts

destroy: ## Empty the stack's buckets, then destroy what `make deploy` created (asks first; CONFIRM=yes answers)
	@$(OPS) scripts/destroy/destroy.ts

clean: ## Remove build outputs, turbo caches and local state (.local); keeps node_modules and .venv
	rm -rf functions/*/dist packages/*/dist .turbo functions/*/.turbo packages/*/.turbo .local

tf-check: ## terraform fmt -check and validate (envs/aws, envs/local)
	@scripts/terraform-check.sh

bench: ## Benchmark renditions, end to end, cold start, memory, cost: writes bench/results/<date>.md (IMAGES=<folder> to choose images)
	@scripts/bench/run.sh $(if $(IMAGES),--images "$(IMAGES)")

soak: ## Soak the local pipeline: N mixed uploads (N=300), faults, then check every invariant and print a summary
	@scripts/soak/run.sh $(if $(N),--uploads $(N))

status: ## With `make dev` running: queue and dead-letter depths, images by status
	@$(OPS) scripts/ops/status.ts

mail: ## With `make dev` running: emails the pipeline sent, newest first (LIMIT=10)
	@$(OPS) scripts/ops/mail.ts $(if $(LIMIT),--limit $(LIMIT))

metrics: ## With `make dev` running: run bucket-metrics now and print the metrics it put (MODE=reconcile: the daily full listing)
	@$(OPS) scripts/ops/metrics.ts

redrive: ## With `make dev` running: move QUEUE=<function>'s dead letters back to its queue (nothing lost)
	@$(OPS) scripts/ops/redrive.ts $(QUEUE)

rerender: ## With `make dev` running: re-render PROCESSED images at the active rendition profile (dry run; CONFIRM=yes RATE=5 FROM=<cursor>)
	@$(OPS) scripts/ops/rerender.ts
