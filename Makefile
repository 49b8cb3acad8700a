# Sổ tay số — every command an editor, volunteer or CI needs.
# `make serve` and `make test` set everything up on a fresh Debian machine.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
SOTAY := $(VENV)/bin/sotay
# The site generator: mkdocs (default) or properdocs (the maintained MkDocs 1.6 fork, same mkdocs.yml).
ENGINE ?= mkdocs
ENGINES := mkdocs properdocs
# Material 9.8 prints a banner about MkDocs 2.0 on every build; the engine question is written
# down in docs-dev/engines.md, so the banner is silenced here.
export NO_MKDOCS_2_WARNING := 1

.PHONY: help install serve build check fix-unicode test test-fast lint node chromium bench bench-build bench-search bench-pages bench-posters \
        posters images guide stale shortlinks clean

help:
	@echo "make serve   — cài đặt, xây dựng và mở trang tại http://127.0.0.1:8000/ (HOST=0.0.0.0 PORT=8001 để xem trên điện thoại)"
	@echo "make fix-unicode — bỏ BOM và chuẩn hóa chữ có dấu (NFC) trong các tệp nội dung"
	@echo "make test    — chạy toàn bộ kiểm thử"
	@echo "make check   — kiểm tra nội dung các hướng dẫn (nhanh)"
	@echo "make lint    — kiểm tra mã Python (ruff) và JavaScript (ESLint)"
	@echo "make test-fast — chỉ các kiểm thử nhanh (không xây dựng trang, không mở trình duyệt)"
	@echo "make build   — xây dựng trang tĩnh vào thư mục site/ (ENGINE=properdocs để dùng ProperDocs)"
	@echo "make guide   — tạo một hướng dẫn mới"
	@echo "make images  — tạo lại ảnh minh họa và xử lý ảnh chụp màn hình"
	@echo "make posters — tạo poster PDF để in (thư mục posters/)"
	@echo "make stale   — liệt kê hướng dẫn lâu chưa kiểm tra lại"
	@echo "make bench   — đo tốc độ và dung lượng"

$(STAMP): requirements.txt constraints.txt pyproject.toml
	@command -v python3 >/dev/null || { echo "Cần Python 3.11 trở lên (apt-get install python3 python3-venv)."; exit 1; }
	@test -x $(PY) || python3 -m venv $(VENV) || { echo "Không tạo được môi trường ảo: apt-get install python3-venv"; exit 1; }
	$(PY) -m pip install --quiet -r requirements.txt -c constraints.txt
	@# the package itself, editable (pyproject.toml); not from a test's copy that borrows .venv by symlink
	@test -L $(VENV) || $(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $(STAMP)

install: $(STAMP)

# make serve  or  make serve HOST=0.0.0.0 PORT=8001  (HOST=0.0.0.0: preview on a phone on the same Wi-Fi)
HOST ?= 127.0.0.1
PORT ?= 8000
serve: $(STAMP)
	@$(SOTAY) serve --host "$(HOST)" --port "$(PORT)" --engine "$(ENGINE)"

build: $(STAMP)
	@case " $(ENGINES) " in *" $(ENGINE) "*) ;; *) echo "ENGINE phải là một trong: $(ENGINES)"; exit 1;; esac
	$(PY) -m $(ENGINE) build

# make check  or  make check ONLY=links  (one kind of check; ids: make check ONLY=?)
check: $(STAMP)
	$(SOTAY) check $(if $(ONLY),--only "$(ONLY)")

# Remove byte-order marks and put Vietnamese text in NFC form (what `make check` asks for).
fix-unicode: $(STAMP)
	$(SOTAY) fix-unicode

# Browser tests need Debian's Chromium and a Vietnamese sans-serif font like a phone's (Noto Sans).
BROWSER_PKGS := chromium fonts-noto-core
NOTO := /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf
chromium:
	@if [ ! -x "$(CHROMIUM)" ] || [ ! -f "$(NOTO)" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Cài Chromium và phông Noto (gói Debian) cho kiểm thử trình duyệt…"; \
	    (apt-get install -y -q $(BROWSER_PKGS) >/dev/null 2>&1 || (apt-get update -q >/dev/null && apt-get install -y -q $(BROWSER_PKGS) >/dev/null)) \
	      || { echo "Không cài được $(BROWSER_PKGS)."; exit 1; }; \
	  else \
	    echo "Kiểm thử trình duyệt cần Chromium: chạy 'sudo apt-get install $(BROWSER_PKGS)' rồi chạy lại make test."; exit 1; \
	  fi; \
	fi

# Node (Debian packages nodejs + npm) runs the search worker's tests and ESLint.
NODE_PKGS := nodejs npm
node:
	@if ! command -v node >/dev/null || ! command -v npm >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Cài Node.js (gói Debian) cho kiểm thử tìm kiếm và ESLint…"; \
	    (apt-get install -y -q $(NODE_PKGS) >/dev/null 2>&1 || (apt-get update -q >/dev/null && apt-get install -y -q $(NODE_PKGS) >/dev/null)) \
	      || { echo "Không cài được $(NODE_PKGS)."; exit 1; }; \
	  else \
	    echo "Kiểm thử cần Node.js: chạy 'sudo apt-get install $(NODE_PKGS)' rồi chạy lại."; exit 1; \
	  fi; \
	fi

# ESLint (pinned in package-lock.json); Lighthouse is optional and only for bench-pages.
ESLINT := node_modules/.bin/eslint
$(ESLINT): package.json package-lock.json | node
	npm ci --no-audit --no-fund --silent --omit=optional
	@touch $(ESLINT)

JS_FILES := overrides/assets/javascripts docs/sw.js docs/assets/javascripts scripts/sotay/search/harness.js eslint.config.mjs
lint: $(STAMP) $(ESLINT)
	$(VENV)/bin/ruff check scripts tests
	$(ESLINT) $(JS_FILES)

test: $(STAMP) chromium node lint
	CI=$${CI:-true} $(PY) -m pytest -q tests

# Unit tests only: no site build, no browser, no commands on copies of the project; one worker
# per core (pytest-xdist). PYTHONDONTWRITEBYTECODE is cleared: with it set, pytest rewrites every
# test module's assertions on every run (about 4 s of the lane's 20 s budget).
test-fast: $(STAMP)
	PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -q -n auto -m "not build and not browser and not slow" tests

bench-build: $(STAMP)
	$(SOTAY) bench-build

# Benchmarks print figures; they are not pass/fail tests.
bench-search: $(STAMP) chromium
	$(SOTAY) bench-search

bench: bench-build
	-$(MAKE) --no-print-directory bench-search
	-$(MAKE) --no-print-directory bench-pages
	-$(MAKE) --no-print-directory bench-posters

posters: $(STAMP)
	$(SOTAY) posters $(if $(GUIDES),--guide "$(GUIDES)") $(if $(VILLAGE),--village "$(VILLAGE)") $(if $(SAMPLE),--sample)

# First-view bytes, axe and Lighthouse for a few pages, next to stock Material (issue 6).
bench-pages: $(STAMP) chromium
	@test -x node_modules/.bin/lighthouse || npm ci --no-audit --no-fund --silent \
	  || echo "Không cài được Lighthouse (npm ci): bảng sẽ thiếu điểm Lighthouse."
	CHROME_PATH=$(CHROMIUM) $(SOTAY) bench-pages

# Time to make every poster (each guide + A4/A3 menus) for the commune and every village.
bench-posters: $(STAMP)
	@rm -rf bench-out/posters
	@$(SOTAY) posters --everything --out bench-out/posters --quiet --sample
	@du -sh bench-out/posters | awk '{print "Dung lượng: " $$1}'

images: $(STAMP)
	$(SOTAY) images $(GUIDES)

# make guide  (asks)  or  make guide CATEGORY=vneid ID=vneid-doi-so-dien-thoai TITLE="Đổi số điện thoại trên VNeID" [CODE=vsdt]
guide: $(STAMP)
	$(SOTAY) guide $(if $(CATEGORY),--category "$(CATEGORY)") $(if $(ID),--id "$(ID)") \
	  $(if $(TITLE),--title "$(TITLE)") $(if $(CODE),--code "$(CODE)")

# make stale  or  make stale DAYS=90
stale: $(STAMP)
	$(SOTAY) stale $(if $(DAYS),--days $(DAYS))

shortlinks: $(STAMP)
	$(SOTAY) shortlinks

clean:
	rm -rf site .pytest_cache .cache/sotay
