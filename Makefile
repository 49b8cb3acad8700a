# Sổ tay số — every command an editor, volunteer or CI needs.
# `make serve` and `make test` set everything up on a fresh Debian machine.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
export PYTHONPATH := $(CURDIR)/scripts
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help install serve build check test chromium bench bench-build bench-search bench-pages bench-posters \
        posters images guide stale shortlinks clean

help:
	@echo "make serve   — cài đặt, xây dựng và mở trang tại http://127.0.0.1:8000/"
	@echo "make test    — chạy toàn bộ kiểm thử"
	@echo "make check   — kiểm tra nội dung các hướng dẫn (nhanh)"
	@echo "make build   — xây dựng trang tĩnh vào thư mục site/"
	@echo "make guide   — tạo một hướng dẫn mới"
	@echo "make images  — tạo lại ảnh minh họa và xử lý ảnh chụp màn hình"
	@echo "make posters — tạo poster PDF để in (thư mục posters/)"
	@echo "make stale   — liệt kê hướng dẫn lâu chưa kiểm tra lại"
	@echo "make bench   — đo tốc độ và dung lượng"

$(STAMP): requirements.txt constraints.txt
	@command -v python3 >/dev/null || { echo "Cần Python 3.11 trở lên (apt-get install python3 python3-venv)."; exit 1; }
	@test -x $(PY) || python3 -m venv $(VENV) || { echo "Không tạo được môi trường ảo: apt-get install python3-venv"; exit 1; }
	$(PY) -m pip install --quiet -r requirements.txt -c constraints.txt
	@touch $(STAMP)

install: $(STAMP)

serve: $(STAMP)
	$(PY) -m mkdocs build
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: $(STAMP)
	$(PY) -m mkdocs build

check: $(STAMP)
	$(PY) scripts/check.py

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

test: $(STAMP) chromium
	$(PY) -m pytest -q tests

bench-build: $(STAMP)
	$(PY) scripts/bench_build.py

# Benchmarks print figures; they are not pass/fail tests.
bench-search: $(STAMP) chromium
	$(PY) scripts/bench_search.py

bench: bench-build
	-$(MAKE) --no-print-directory bench-search
	-$(MAKE) --no-print-directory bench-pages
	-$(MAKE) --no-print-directory bench-posters

posters: $(STAMP)
	$(PY) scripts/posters.py $(if $(GUIDES),--guide "$(GUIDES)") $(if $(VILLAGE),--village "$(VILLAGE)") $(if $(SAMPLE),--sample)

# First-view bytes, axe and Lighthouse for a few pages, next to stock Material (issue 6).
bench-pages: $(STAMP) chromium
	@test -x node_modules/.bin/lighthouse || npm ci --no-audit --no-fund --silent \
	  || echo "Không cài được Lighthouse (npm ci): bảng sẽ thiếu điểm Lighthouse."
	CHROME_PATH=$(CHROMIUM) $(PY) scripts/bench_pages.py

# Time to make every poster (each guide + A4/A3 menus) for the commune and every village.
bench-posters: $(STAMP)
	@rm -rf bench-out/posters
	@$(PY) scripts/posters.py --everything --out bench-out/posters --quiet --sample
	@du -sh bench-out/posters | awk '{print "Dung lượng: " $$1}'

images: $(STAMP)
	$(PY) scripts/images.py $(GUIDES)

# make guide  (asks)  or  make guide CATEGORY=vneid ID=vneid-doi-so-dien-thoai TITLE="Đổi số điện thoại trên VNeID" [CODE=vsdt]
guide: $(STAMP)
	$(PY) scripts/new_guide.py $(if $(CATEGORY),--category "$(CATEGORY)") $(if $(ID),--id "$(ID)") \
	  $(if $(TITLE),--title "$(TITLE)") $(if $(CODE),--code "$(CODE)")

# make stale  or  make stale DAYS=90
stale: $(STAMP)
	$(PY) scripts/stale.py $(if $(DAYS),--days $(DAYS))

shortlinks: $(STAMP)
	$(PY) scripts/shortlinks.py

clean:
	rm -rf site .pytest_cache
