;;; e2e.el --- Emacs + eglot in batch with editors/emacs/ropa-mode.el  -*- lexical-binding: t; -*-
;; Run by tests/editors/emacs.rs: emacs --batch -l e2e.el, with ROPA_EMACS_PACKAGE (the folder
;; of ropa-mode.el), ROPA_TEST_FILE (activities/ads.ropa of the fixture), ROPA_TEST_OUT and
;; `ropa' on PATH.  Writes `ok: ...' lines and PASS or FAIL to ROPA_TEST_OUT.
(require 'package)
(package-initialize)                    ; Debian's elpa-eglot on Emacs 28
(require 'eglot)
(add-to-list 'load-path (getenv "ROPA_EMACS_PACKAGE"))
(require 'ropa-mode)
(add-hook 'ropa-mode-hook #'eglot-ensure)

(defvar e2e-lines nil)
(defun e2e-finish (ok)
  (with-temp-file (getenv "ROPA_TEST_OUT")
    (insert (mapconcat #'identity (reverse e2e-lines) "\n") "\n" (if ok "PASS" "FAIL") "\n"))
  (kill-emacs (if ok 0 1)))
(defun e2e-check (cond msg)
  (push (concat (if cond "ok: " "failed: ") msg) e2e-lines)
  (unless cond (e2e-finish nil)))
(defun e2e-wait (pred seconds)
  "Waits up to SECONDS for PRED, letting processes and timers run."
  (let ((deadline (+ (float-time) seconds)) (result nil))
    (while (and (< (float-time) deadline) (not (setq result (funcall pred))))
      (accept-process-output nil 0.1))
    result))
(defun e2e-diagnostics ()
  "Flymake's diagnostics as (\"rule@line:col\" ...)."
  (mapcar (lambda (d)
            (save-excursion
              (goto-char (flymake-diagnostic-beg d))
              (let ((text (flymake-diagnostic-text d)))
                (format "%s@%d:%d"
                        (if (string-match "\\[\\([a-z-]+\\)\\]" text) (match-string 1 text) text)
                        (line-number-at-pos) (1+ (current-column))))))
          (flymake-diagnostics)))

(condition-case err
    (progn
      (find-file (getenv "ROPA_TEST_FILE"))
      (e2e-check (eq major-mode 'ropa-mode) (format "major mode: %s" major-mode))
      (font-lock-ensure)
      (goto-char (point-min))
      (search-forward "activity ads")
      (e2e-check (eq (get-text-property (match-beginning 0) 'face) 'font-lock-keyword-face)
                 "`activity' is highlighted as a keyword")
      ;; eglot-ensure waits for the command loop, which batch mode has not: start it here.
      (unless (eglot-current-server) (apply #'eglot (eglot--guess-contact)))
      (e2e-check (eglot-current-server) "eglot started `ropa lsp'")
      (e2e-check (equal (expand-file-name (project-root (eglot--project (eglot-current-server))))
                        (file-name-as-directory (getenv "ROPA_TEST_ROOT")))
                 "the project is the folder holding ropa.toml")
      (e2e-check (e2e-wait (lambda () (and (member "missing-avv@18:15" (e2e-diagnostics))
                                           (member "unresolved-reference@18:26" (e2e-diagnostics))))
                           20)
                 (format "flymake shows missing-avv@18:15 and unresolved-reference@18:26: %S"
                         (e2e-diagnostics)))
      ;; Hover on `legal_basis'.
      (goto-char (point-min))
      (search-forward "legal_basis")
      (backward-char 3)
      (let* ((hover (jsonrpc-request (eglot-current-server) :textDocument/hover
                                     (eglot--TextDocumentPositionParams)))
             (contents (plist-get hover :contents))
             (text (format "%s" (if (stringp contents) contents (plist-get contents :value)))))
        (e2e-check (string-match-p "legal_basis" text)
                   (format "hover on legal_basis: %s"
                           (truncate-string-to-width (replace-regexp-in-string "\n" " " text) 80))))
      ;; The quick fix for the typo, applied through eglot.
      (goto-char (point-min))
      (search-forward "pixelwerk, hetzer")
      (goto-char (- (point) 6))
      (looking-at "hetzer")
      (let* ((typo-beg (match-beginning 0))   ; before eglot's functions change the match data
             (typo-end (match-end 0))
             (range (list :start (eglot--pos-to-lsp-position typo-beg)
                          :end (eglot--pos-to-lsp-position typo-end)))
             (params (list :textDocument (eglot--TextDocumentIdentifier)
                           :range range
                           ;; As eglot-code-actions does: the LSP diagnostics at the place.
                           :context (list :diagnostics
                                          (vconcat
                                           (delq nil (mapcar (lambda (d)
                                                               (cdr (assoc 'eglot-lsp-diag
                                                                           (flymake-diagnostic-data d))))
                                                             (flymake-diagnostics typo-beg typo-end)))))))
             (actions (jsonrpc-request (eglot-current-server) :textDocument/codeAction params))
             (fix (seq-find (lambda (a)
                              (string-match-p "^Replace `hetzer` with `hetzner`" (plist-get a :title)))
                            actions)))
        (e2e-check fix (format "the quick fix \"Replace `hetzer` with `hetzner`\" is offered: %S"
                               (mapcar (lambda (a) (plist-get a :title)) actions)))
        (condition-case nil
            (eglot--apply-workspace-edit (plist-get fix :edit))
          (wrong-number-of-arguments (eglot--apply-workspace-edit (plist-get fix :edit) t))))
      (goto-char (point-min))
      (e2e-check (search-forward "processors [pixelwerk, hetzner]" nil t) "the buffer has the fix")
      ;; eglot sends the change when Emacs is idle, which batch Emacs never is.
      (eglot--signal-textDocument/didChange)
      (e2e-check (e2e-wait (lambda () (not (seq-some (lambda (d) (string-prefix-p "unresolved-reference" d))
                                                      (e2e-diagnostics))))
                           20)
                 "unresolved-reference is gone after the fix")
      (eglot-shutdown (eglot-current-server))
      (e2e-finish t))
  (error (push (format "error: %S" err) e2e-lines) (e2e-finish nil)))
;;; e2e.el ends here
