.PHONY: test

test:
	bash scripts/test.sh
