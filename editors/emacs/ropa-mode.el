;;; ropa-mode.el --- Major mode for ropa records of processing activities  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "28.1"))
;; Keywords: languages, tools
;; URL: https://example.invalid/ropa
;; SPDX-License-Identifier: MIT

;;; Commentary:

;; Editing `.ropa' files: the record of processing activities (GDPR Art. 30) as code.
;;
;; - `ropa-mode': comments, strings, keywords, dates and durations highlighted by regular
;;   expressions; works on every Emacs from 28.
;; - `ropa-ts-mode': highlighting, indentation and imenu from the tree-sitter grammar, on
;;   Emacs 29+ built with tree-sitter once the grammar is installed
;;   (M-x ropa-ts-install-grammar).  `.ropa' files open in it when the grammar is there.
;; - Eglot: both modes are registered to start `ropa lsp' (diagnostics, hover, completion,
;;   quick fixes, rename, formatting, ...), with the folder holding `ropa.toml' as the project.
;;   Turn it on with (add-hook 'ropa-mode-hook #'eglot-ensure) and likewise for ropa-ts-mode.
;;
;; See editors/emacs/README.md in the ropa repository.

;;; Code:

(require 'prog-mode)

;; Emacs 29+ only; `ropa-ts-mode' checks `treesit-ready-p' before it calls them.
(declare-function treesit-ready-p "treesit")
(declare-function treesit-parser-create "treesit")
(declare-function treesit-font-lock-rules "treesit")
(declare-function treesit-major-mode-setup "treesit")
(declare-function treesit-install-language-grammar "treesit")
(defvar treesit-language-source-alist)
(defvar treesit-font-lock-settings)
(defvar treesit-font-lock-feature-list)
(defvar treesit-simple-indent-rules)
(defvar treesit-simple-imenu-settings)

(defgroup ropa nil
  "Records of processing activities as code."
  :group 'languages
  :prefix "ropa-")

(defcustom ropa-server-command '("ropa" "lsp")
  "The command that starts the ropa language server."
  :type '(repeat string))

(defcustom ropa-indent-offset 2
  "Indentation of a block's fields (what `ropa fmt' writes)."
  :type 'integer
  :safe #'integerp)

(defconst ropa--item-keywords
  '("controller" "processor" "activity" "category" "subject" "section" "client")
  "The words that start an item.")

(defconst ropa--constants '("true" "false" "todo")
  "Value keywords.")

(defvar ropa-mode-syntax-table
  (let ((table (make-syntax-table)))
    ;; `// comment' to the end of the line; `#' has no meaning.
    (modify-syntax-entry ?/ ". 12" table)
    (modify-syntax-entry ?\n ">" table)
    (modify-syntax-entry ?\" "\"" table)
    (modify-syntax-entry ?\\ "\\" table)
    (modify-syntax-entry ?_ "_" table)
    (modify-syntax-entry ?- "_" table)
    table)
  "Syntax table of `ropa-mode' and `ropa-ts-mode'.")

(defvar ropa-font-lock-keywords
  `((,(concat "^\\s-*\\(" (regexp-opt ropa--item-keywords) "\\)\\_>\\(?:\\s-+\\(\\(?:\\sw\\|\\s_\\)+\\)\\)?")
     (1 font-lock-keyword-face) (2 font-lock-type-face nil t))
    (,(regexp-opt ropa--constants 'symbols) . font-lock-constant-face)
    ("\\_<[0-9]\\{4\\}-[0-9]\\{2\\}-[0-9]\\{2\\}\\_>" . font-lock-constant-face)
    ("\\_<[0-9]+\\s-+\\(?:days?\\|weeks?\\|months?\\|years?\\)\\_>" . font-lock-constant-face)
    ("^\\s-*\\([a-z_][a-z0-9_]*\\)\\_>" 1 font-lock-variable-name-face))
  "Highlighting of `ropa-mode' (without tree-sitter).")

(defun ropa--indent-line ()
  "Indent the current line by the nesting of braces and brackets."
  (let* ((depth (save-excursion (car (syntax-ppss (line-beginning-position)))))
         (closing (save-excursion (back-to-indentation) (looking-at-p "[]}]")))
         (column (* ropa-indent-offset (max 0 (if closing (1- depth) depth)))))
    (if (<= (current-column) (current-indentation))
        (indent-line-to column)
      (save-excursion (indent-line-to column)))))

;;;###autoload
(define-derived-mode ropa-mode prog-mode "ropa"
  "Major mode for ropa files (records of processing activities, GDPR Art. 30)."
  :syntax-table ropa-mode-syntax-table
  (setq-local comment-start "// ")
  (setq-local comment-start-skip "//+\\s-*")
  (setq-local comment-end "")
  (setq-local indent-line-function #'ropa--indent-line)
  (setq-local font-lock-defaults '(ropa-font-lock-keywords)))

;;; Tree-sitter (Emacs 29+)

(defconst ropa-ts-grammar-source
  '(ropa "https://example.invalid/ropa" nil "grammar/src")
  "Where `treesit-install-language-grammar' finds the ropa grammar.
Emacs linked with libtree-sitter up to 0.24 reads ABI 13-14, but the
repository's `grammar/src/parser.c' is ABI 15: generate an ABI-14 copy
as editors/emacs/README.md shows and point this at it.")

(defun ropa-ts-install-grammar ()
  "Compile and install the ropa tree-sitter grammar (Emacs 29+)."
  (interactive)
  (add-to-list 'treesit-language-source-alist ropa-ts-grammar-source)
  (treesit-install-language-grammar 'ropa))

(defvar ropa-ts--font-lock-settings nil)

(defun ropa-ts--settings ()
  "The tree-sitter font-lock rules, built once the grammar is there."
  (or ropa-ts--font-lock-settings
      (setq ropa-ts--font-lock-settings
            (treesit-font-lock-rules
             :language 'ropa :feature 'comment
             '((comment) @font-lock-comment-face)
             :language 'ropa :feature 'string
             '((string) @font-lock-string-face
               (text_block) @font-lock-string-face)
             :language 'ropa :feature 'keyword
             '((item_kind) @font-lock-keyword-face)
             :language 'ropa :feature 'definition
             '((item name: (identifier) @font-lock-type-face))
             :language 'ropa :feature 'property
             '((field key: (identifier) @font-lock-property-name-face))
             :language 'ropa :feature 'constant
             '([(boolean) (date) (duration) (integer)] @font-lock-constant-face)))))

(defvar ropa-ts--indent-rules
  `((ropa
     ((node-is "}") parent-bol 0)
     ((node-is "]") parent-bol 0)
     ((parent-is "block") parent-bol ropa-indent-offset)
     ((parent-is "list") parent-bol ropa-indent-offset)
     (no-node parent-bol 0)))
  "Indentation by tree-sitter: fields one step in from their block.")

;;;###autoload
(define-derived-mode ropa-ts-mode ropa-mode "ropa[ts]"
  "Major mode for ropa files, highlighted and indented by tree-sitter (Emacs 29+)."
  (when (and (fboundp 'treesit-ready-p) (treesit-ready-p 'ropa t))
    (treesit-parser-create 'ropa)
    (setq-local treesit-font-lock-settings (ropa-ts--settings))
    (setq-local treesit-font-lock-feature-list
                '((comment definition) (keyword string) (property constant)))
    (setq-local treesit-simple-indent-rules ropa-ts--indent-rules)
    (setq-local treesit-simple-imenu-settings '(("Item" "\\`item\\'" nil nil)))
    (treesit-major-mode-setup)))

;;;###autoload
(add-to-list 'auto-mode-alist
             (cons "\\.ropa\\'"
                   (if (and (fboundp 'treesit-ready-p) (treesit-ready-p 'ropa t))
                       'ropa-ts-mode
                     'ropa-mode)))

;;; Eglot and project.el

(defvar eglot-server-programs)

(defun ropa-project-find (dir)
  "The folder above DIR that holds `ropa.toml', as a project.
Emacs 28's project.el knows only version-control roots."
  (let ((root (locate-dominating-file dir "ropa.toml")))
    (and root (cons 'transient (expand-file-name root)))))

(with-eval-after-load 'project
  (add-hook 'project-find-functions #'ropa-project-find))

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               `((ropa-mode ropa-ts-mode) . ,ropa-server-command)))

(provide 'ropa-mode)
;;; ropa-mode.el ends here
