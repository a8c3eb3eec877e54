//! The module of one activity: the notice, then one labelled fact per thing the record says —
//! purposes, data, data subjects, source, legal bases, provision, profiling, device access,
//! recipients, transfers, joint control, profiling and automated decisions, use of AI,
//! retention — each built by a function of its own, then the boxes of a draft for what the
//! record does not support.

use super::{
    Block, Builder, Fact, Item, Section, activity_section_id, cookie_table, fact, flatten, para,
    quote, recipient_text, section, sentence, sentence_start,
};
use crate::facts::{
    ActivityFacts, AiFacts, BasisFacts, DeviceFacts, JointFacts, ProvisionFacts, RetentionFacts,
};
use crate::lang::Lang;

impl Builder<'_> {
    /// The module of one activity.
    pub(crate) fn activity(&self, a: &ActivityFacts) -> Section {
        // The boxes of a draft for what the record does not support, after the facts.
        let mut boxes: Vec<Block> = Vec::new();
        let mut facts: Vec<Fact> = Vec::new();
        facts.extend(self.purposes_fact(a));
        facts.extend(self.data_fact(a));
        facts.extend(self.subjects_fact(a));
        facts.extend(self.source_fact(a));
        facts.extend(self.bases_fact(a));
        facts.extend(self.provision_fact(a));
        facts.extend(self.profiling_fact(a));
        facts.extend(self.device_fact(a, &mut boxes));
        facts.extend(self.recipients_fact(a));
        facts.extend(self.transfers_fact(a));
        for j in &a.joint_controllers {
            facts.push(self.joint_control_fact(j, &mut boxes));
        }
        if let Some(ai) = &a.ai {
            facts.extend(self.decisions_fact(a, ai));
            facts.extend(self.ai_fact(ai));
        }
        facts.extend(self.retention_fact(a));

        let mut blocks: Vec<Block> = a.notice.iter().map(|p| para(p.clone())).collect();
        if !facts.is_empty() {
            blocks.push(Block::Facts { items: facts });
        }
        blocks.extend(boxes);
        let mut s = section(&activity_section_id(&a.id), "activity", &a.title, blocks);
        if self.whole {
            s.paragraphs = flatten(&s.blocks);
            s.activity = Some(Box::new(a.public()));
        }
        s
    }

    fn purposes_fact(&self, a: &ActivityFacts) -> Option<Fact> {
        (!a.purpose.is_empty()).then(|| {
            fact(
                self.t("Zwecke der Verarbeitung", "Purposes"),
                a.purpose.iter().map(|p| sentence(p)).collect(),
            )
        })
    }

    fn data_fact(&self, a: &ActivityFacts) -> Option<Fact> {
        (!a.categories.is_empty()).then(|| {
            fact(
                self.t("Verarbeitete Daten", "Data processed"),
                vec![self.joined(&a.categories, true)],
            )
        })
    }

    fn subjects_fact(&self, a: &ActivityFacts) -> Option<Fact> {
        (!a.subjects.is_empty()).then(|| {
            fact(
                self.t("Betroffene Personen", "Data subjects"),
                vec![self.joined(&a.subjects, false)],
            )
        })
    }

    /// Where data not collected from the person comes from (Art. 14).
    fn source_fact(&self, a: &ActivityFacts) -> Option<Fact> {
        if !a.indirect() {
            return None;
        }
        let lang = self.lang;
        let mut ps: Vec<String> = a.source.iter().map(|p| sentence(p)).collect();
        ps.push(match lang {
            Lang::De => format!(
                "Diese Daten erheben wir nicht bei Ihnen selbst ({}).",
                lang.art(14, None, None)
            ),
            Lang::En => format!(
                "We do not collect this data from you directly ({}).",
                lang.art(14, None, None)
            ),
        });
        Some(fact(self.t("Herkunft der Daten", "Source of the data"), ps))
    }

    /// One paragraph per legal basis; the Art. 9(2) grounds at the end of the last.
    fn bases_fact(&self, a: &ActivityFacts) -> Option<Fact> {
        let mut paragraphs: Vec<String> = a
            .legal_bases
            .iter()
            .enumerate()
            .map(|(i, b)| self.basis_paragraph(a, b, i == 0))
            .collect();
        let last = paragraphs.last_mut()?;
        if !a.special_bases.is_empty() {
            last.push(' ');
            last.push_str(&self.special_grounds(a));
        }
        let label = if paragraphs.len() > 1 {
            self.t("Rechtsgrundlagen", "Legal bases")
        } else {
            self.t("Rechtsgrundlage", "Legal basis")
        };
        Some(fact(label, paragraphs))
    }

    /// One legal basis, led by the part of the processing it covers (`for`), with what the
    /// basis brings with it; the first also with the objection to direct marketing.
    fn basis_paragraph(&self, a: &ActivityFacts, b: &BasisFacts, first: bool) -> String {
        let mut ps = vec![match &b.covers {
            Some(part) => format!("{}: {} ({}).", sentence_start(part), b.label, b.citation),
            None => format!("{} ({}).", b.label, b.citation),
        }];
        match b.kind.as_str() {
            "consent" => ps.extend(self.consent_details(b)),
            "contract" => ps.extend(self.contract_detail(b)),
            "legal_obligation" => ps.extend(self.obligation_detail(b)),
            "legitimate_interest" | "public_task" => ps.extend(self.interest_details(a, b)),
            _ => {}
        }
        // Art. 21(2), (3): for direct marketing, whatever the basis, without reasons; said once.
        if a.direct_marketing && first {
            ps.push(self.t(
                "Der Verarbeitung zu Zwecken der Direktwerbung können Sie jederzeit ohne Angabe von Gründen widersprechen; danach verwenden wir Ihre Daten nicht mehr für diese Zwecke (siehe „Widerspruchsrecht“).",
                "You can object to processing for direct marketing at any time without giving reasons; we will then no longer use your data for this purpose (see “Right to object”).",
            ).to_string());
        }
        ps.join(" ")
    }

    /// The right to withdraw consent (Art. 7(3)), how, and consent for children (Art. 8(1)).
    fn consent_details(&self, b: &BasisFacts) -> Vec<String> {
        let lang = self.lang;
        let base = match lang {
            Lang::De => format!(
                "Sie können Ihre Einwilligung jederzeit mit Wirkung für die Zukunft widerrufen ({})",
                lang.art(7, Some(3), None)
            ),
            Lang::En => format!(
                "You can withdraw your consent at any time with effect for the future ({})",
                lang.art(7, Some(3), None)
            ),
        };
        let mut ps = vec![format!("{base}.")];
        if let Some(w) = &b.withdrawal {
            ps.push(format!(
                "{}: {}",
                self.t("So widerrufen Sie", "How to withdraw"),
                sentence(w)
            ));
        }
        if let Some(p) = &b.parental {
            ps.push(format!(
                "{} ({}): {}",
                self.t("Einwilligung bei Kindern", "Consent for children"),
                lang.art(8, Some(1), None),
                sentence(p)
            ));
        }
        ps
    }

    fn contract_detail(&self, b: &BasisFacts) -> Option<String> {
        let c = b.contract.as_ref()?;
        Some(format!(
            "{}: {}",
            self.t("Vertrag", "Contract"),
            sentence(c)
        ))
    }

    fn obligation_detail(&self, b: &BasisFacts) -> Option<String> {
        let law = b.law.as_ref()?;
        Some(match self.lang {
            Lang::De => format!("Die Verpflichtung ergibt sich aus {}", sentence(law)),
            Lang::En => format!("The obligation arises from {}", sentence(law)),
        })
    }

    /// The interest pursued, and the right to object on grounds relating to the person's
    /// situation (Art. 21(1)) unless the processing is direct marketing (said with the first
    /// basis instead).
    fn interest_details(&self, a: &ActivityFacts, b: &BasisFacts) -> Vec<String> {
        let mut ps = Vec::new();
        if let Some(i) = &b.interest {
            ps.push(format!(
                "{}: {}",
                self.t("Unser berechtigtes Interesse", "Our legitimate interest"),
                sentence(i)
            ));
        }
        if !a.direct_marketing {
            ps.push(self.t(
                "Sie können dieser Verarbeitung aus Gründen, die sich aus Ihrer besonderen Situation ergeben, jederzeit widersprechen (siehe „Widerspruchsrecht“).",
                "You can object to this processing at any time on grounds relating to your particular situation (see “Right to object”).",
            ).to_string());
        }
        ps
    }

    /// The Art. 9(2) grounds for special categories of personal data.
    fn special_grounds(&self, a: &ActivityFacts) -> String {
        let lang = self.lang;
        let grounds: Vec<String> = a
            .special_bases
            .iter()
            .map(|s| format!("{} ({})", s.label, s.citation))
            .collect();
        let grounds = lang.join_and(&grounds);
        match lang {
            Lang::De => format!("Für besondere Kategorien personenbezogener Daten: {grounds}."),
            Lang::En => format!("For special categories of personal data: {grounds}."),
        }
    }

    fn provision_fact(&self, a: &ActivityFacts) -> Option<Fact> {
        let p = a.provision.as_ref()?;
        Some(fact(
            format!(
                "{} ({})",
                self.t("Bereitstellung der Daten", "Provision of the data"),
                self.lang.art(13, Some(2), Some('e'))
            ),
            self.provision(a, p),
        ))
    }

    /// The Art. 13(2)(e) statement: whether the data must be provided and what follows if not.
    fn provision(&self, a: &ActivityFacts, p: &ProvisionFacts) -> Vec<String> {
        let mut first = match p.kind.as_str() {
            "statutory" => self.t(
                "Die Bereitstellung der Daten ist gesetzlich vorgeschrieben.",
                "Providing the data is a statutory requirement.",
            ),
            "contractual" => self.t(
                "Die Bereitstellung der Daten ist vertraglich vorgeschrieben.",
                "Providing the data is a contractual requirement.",
            ),
            "required_for_contract" => self.t(
                "Die Bereitstellung der Daten ist für den Abschluss des Vertrags erforderlich; ohne sie können wir den Vertrag nicht abschließen oder erfüllen.",
                "Providing the data is a requirement necessary to enter into the contract; without it we cannot enter into or perform the contract.",
            ),
            // Voluntary on consent alone: without consent this processing does not take place.
            // With another basis beside it (a contact form's required fields on `contract`),
            // part of the processing does take place without consent.
            _ if a.rests_only_on("consent") => self.t(
                "Die Bereitstellung der Daten ist freiwillig; ohne Ihre Einwilligung findet diese Verarbeitung nicht statt.",
                "Providing the data is voluntary; without your consent this processing does not take place.",
            ),
            _ => self.t(
                "Die Bereitstellung der Daten ist freiwillig.",
                "Providing the data is voluntary.",
            ),
        }
        .to_string();
        let mut rest = p.consequence.iter();
        if let Some(c) = rest.next() {
            first.push(' ');
            first.push_str(&sentence(c));
        }
        let mut out = vec![first];
        out.extend(rest.cloned());
        out
    }

    /// Profiling without AI (`profiling true`); AI profiling is told in the AI part.
    fn profiling_fact(&self, a: &ActivityFacts) -> Option<Fact> {
        let by_ai = a.ai.as_ref().is_some_and(|ai| ai.profiling);
        (a.profiling && !by_ai).then(|| {
            fact(
                self.t("Profiling", "Profiling"),
                vec![self.profiling_sentence()],
            )
        })
    }

    /// What profiling is (Art. 4(4)), for an activity that profiles, with or without AI.
    fn profiling_sentence(&self) -> String {
        self.t(
            "Wir werten Ihre Daten automatisiert aus, um bestimmte persönliche Aspekte zu bewerten, die sich auf Sie beziehen (Profiling, Art. 4 Nr. 4 DSGVO).",
            "We analyse your data automatically to evaluate certain personal aspects relating to you (profiling, Art. 4(4) GDPR).",
        )
        .to_string()
    }

    /// Cookies and similar technologies: what is stored or read, on what footing, and the
    /// cookie table.
    fn device_fact(&self, a: &ActivityFacts, boxes: &mut Vec<Block>) -> Option<Fact> {
        let d = a.device_access.as_ref()?;
        let mut ps = Vec::new();
        if let Some(t) = &d.technology {
            ps.push(sentence(t));
        }
        ps.push(self.device_footing(a, d, boxes));
        let mut device = fact(
            self.t(
                "Cookies und ähnliche Technologien",
                "Cookies and similar technologies",
            ),
            vec![ps.join(" ")],
        );
        device.table = cookie_table(self.lang, &d.cookies);
        Some(device)
    }

    /// On what footing the device is accessed, as far as the record supports it (§ 25 TDDDG).
    fn device_footing(&self, a: &ActivityFacts, d: &DeviceFacts, boxes: &mut Vec<Block>) -> String {
        let lang = self.lang;
        if d.strictly_necessary == Some(true) {
            return match lang {
                Lang::De => format!(
                    "Das Speichern und Auslesen dieser Informationen auf Ihrem Endgerät ist unbedingt erforderlich, damit wir den von Ihnen ausdrücklich gewünschten Dienst bereitstellen können; eine Einwilligung ist dafür nicht nötig ({}).",
                    d.citation
                ),
                Lang::En => format!(
                    "Storing and reading this information on your device is strictly necessary to provide the service you have expressly requested, so no consent is needed ({}).",
                    d.citation
                ),
            };
        }
        if a.rests_on("consent") {
            // Only a record that rests on consent supports the consent sentence (W6, P15).
            return match lang {
                Lang::De => format!(
                    "Diese Informationen speichern wir auf Ihrem Endgerät bzw. lesen sie dort aus, und zwar nur mit Ihrer Einwilligung ({}).",
                    d.citation
                ),
                Lang::En => format!(
                    "We store this information on your device or read it from there only with your consent ({}).",
                    d.citation
                ),
            };
        }
        if self.draft {
            boxes.push(Block::Draft {
                text: crate::marks::rule_box(lang, "device-access-without-consent"),
            });
        }
        // What the record supports: that the device is accessed, not on what footing.
        self.t(
            "Dabei werden Informationen auf Ihrem Endgerät gespeichert oder dort ausgelesen.",
            "Information is stored on your device or read from it in the process.",
        )
        .to_string()
    }

    fn recipients_fact(&self, a: &ActivityFacts) -> Option<Fact> {
        let mut recipients: Vec<Item> = a
            .recipients
            .iter()
            .map(|r| Item::text(recipient_text(self.lang, r, true)))
            .collect();
        recipients.extend(a.other_recipients.iter().map(Item::text));
        (!recipients.is_empty()).then(|| Fact {
            label: self.t("Empfänger", "Recipients").to_string(),
            paragraphs: Vec::new(),
            items: recipients,
            table: None,
        })
    }

    fn transfers_fact(&self, a: &ActivityFacts) -> Option<Fact> {
        (!a.transfers.is_empty()).then(|| Fact {
            table: None,
            label: self
                .t(
                    "Übermittlung in Drittländer",
                    "Transfers to third countries",
                )
                .to_string(),
            paragraphs: Vec::new(),
            items: a
                .transfers
                .iter()
                .map(|t| Item::text(self.transfer_text(t)))
                .collect(),
        })
    }

    /// Joint control with one other controller (Art. 26) and the essence of the arrangement.
    fn joint_control_fact(&self, j: &JointFacts, boxes: &mut Vec<Block>) -> Fact {
        let lang = self.lang;
        // Joint control covers the phases decided jointly (collection and transmission,
        // C-40/17 Fashion ID), and the arrangement is spoken of only when there is one (M9).
        let mut ps = vec![match lang {
            Lang::De => format!(
                "Für die Erhebung Ihrer Daten und deren Übermittlung an {} sind wir mit {} gemeinsam verantwortlich ({}).",
                j.name,
                j.name,
                lang.art(26, None, None)
            ),
            Lang::En => format!(
                "We are joint controllers with {} for collecting your data and transmitting it to {} ({}).",
                j.name,
                j.name,
                lang.art(26, None, None)
            ),
        }];
        if !j.agreement {
            if self.draft {
                boxes.push(Block::Draft {
                    text: crate::marks::rule_box(lang, "joint-control-without-agreement"),
                });
            }
        } else {
            ps.push(self.essence_lead(j));
        }
        let mut ps = vec![ps.join(" ")];
        ps.extend(j.essence.iter().cloned());
        fact(
            self.t("Gemeinsame Verantwortlichkeit", "Joint controllership"),
            ps,
        )
    }

    /// Where the essence of the arrangement is to be had (Art. 26(2)): on request, or below.
    fn essence_lead(&self, j: &JointFacts) -> String {
        let lang = self.lang;
        let article = lang.art(26, Some(2), None);
        match (lang, j.essence.is_empty()) {
            (Lang::De, true) => format!(
                "Das Wesentliche unserer Vereinbarung stellen wir Ihnen auf Anfrage zur Verfügung ({article})."
            ),
            (Lang::En, true) => format!(
                "We will make the essence of our arrangement available to you on request ({article})."
            ),
            (Lang::De, false) => {
                format!("Das Wesentliche unserer Vereinbarung ({article}) lautet:")
            }
            (Lang::En, false) => {
                format!("The essence of our arrangement ({article}) is as follows:")
            }
        }
    }

    /// Profiling and automated decisions of an AI system (Art. 22; the logic involved,
    /// Art. 13(2)(f) or 14(2)(g)).
    fn decisions_fact(&self, a: &ActivityFacts, ai: &AiFacts) -> Option<Fact> {
        let mut ps = Vec::new();
        if ai.profiling {
            ps.push(self.profiling_sentence());
        }
        match ai.automated_decision {
            Some(true) => ps.extend(self.automated_decision(a, ai)),
            Some(false) => ps.push(self.no_automated_decision()),
            None => {}
        }
        let mut ps = if ps.is_empty() {
            ps
        } else {
            vec![ps.join(" ")]
        };
        if ai.profiling || ai.automated_decision == Some(true) {
            ps.extend(self.logic(a, ai));
        }
        (!ps.is_empty()).then(|| {
            fact(
                self.t(
                    "Profiling und automatisierte Entscheidungen",
                    "Profiling and automated decisions",
                ),
                ps,
            )
        })
    }

    /// A decision taken solely by automated means (Art. 22), its effect and the person's
    /// safeguards.
    fn automated_decision(&self, a: &ActivityFacts, ai: &AiFacts) -> Vec<String> {
        let lang = self.lang;
        let mut ps = vec![match lang {
            Lang::De => format!(
                "Dabei treffen wir Entscheidungen ausschließlich automatisiert, ohne dass ein Mensch beteiligt ist ({}).",
                lang.art(22, None, None)
            ),
            Lang::En => format!(
                "Decisions are taken solely by automated means, without human involvement ({}).",
                lang.art(22, None, None)
            ),
        }];
        if ai.significant_effect {
            ps.push(self.t(
                "Diese Entscheidungen entfalten Ihnen gegenüber rechtliche Wirkung oder beeinträchtigen Sie in ähnlicher Weise erheblich.",
                "These decisions produce legal effects concerning you or similarly significantly affect you.",
            ).to_string());
        }
        if ai.significant_effect || !ai.human_review.is_empty() {
            ps.extend(self.human_intervention(a, ai));
        }
        ps
    }

    /// The rights of Art. 22(3) follow a decision on a contract or consent (Art. 22(2)(a),
    /// (c)); a law that authorises one lays down its own safeguards (Art. 22(2)(b); M11, P20),
    /// so then only the human review the record states is told.
    fn human_intervention(&self, a: &ActivityFacts, ai: &AiFacts) -> Vec<String> {
        let lang = self.lang;
        let article_22_3 = a.rests_on("contract") || a.rests_on("consent");
        let base = match lang {
            Lang::De => format!(
                "Sie haben das Recht, das Eingreifen einer Person auf unserer Seite zu erwirken, Ihren Standpunkt darzulegen und die Entscheidung anzufechten ({})",
                lang.art(22, Some(3), None)
            ),
            Lang::En => format!(
                "You have the right to obtain human intervention on our part, to express your point of view and to contest the decision ({})",
                lang.art(22, Some(3), None)
            ),
        };
        let mut ps = Vec::new();
        match (article_22_3, ai.human_review.split_first()) {
            (true, Some((first, rest))) => {
                ps.push(format!("{base}: {}", sentence(first)));
                ps.extend(rest.iter().cloned());
            }
            (true, None) => ps.push(format!("{base}.")),
            (false, Some((first, rest))) => {
                ps.push(format!(
                    "{}: {}",
                    self.t("Überprüfung durch eine Person", "Human review"),
                    sentence(first)
                ));
                ps.extend(rest.iter().cloned());
            }
            (false, None) => {}
        }
        ps
    }

    fn no_automated_decision(&self) -> String {
        let lang = self.lang;
        match lang {
            Lang::De => format!(
                "Eine ausschließlich automatisierte Entscheidung, die Ihnen gegenüber rechtliche Wirkung entfaltet oder Sie in ähnlicher Weise erheblich beeinträchtigt ({}), findet nicht statt.",
                lang.art(22, None, None)
            ),
            Lang::En => format!(
                "There is no decision based solely on automated processing that produces legal effects concerning you or similarly significantly affects you ({}).",
                lang.art(22, None, None)
            ),
        }
    }

    /// The logic involved, its significance and the envisaged consequences (Art. 13(2)(f),
    /// or 14(2)(g) for data not collected from the person), as the record states them.
    fn logic(&self, a: &ActivityFacts, ai: &AiFacts) -> Vec<String> {
        let lang = self.lang;
        let Some((first, rest)) = ai.logic.split_first() else {
            return Vec::new();
        };
        let transparency = if a.indirect() {
            lang.art(14, Some(2), Some('g'))
        } else {
            lang.art(13, Some(2), Some('f'))
        };
        let lead = match lang {
            Lang::De => format!("Logik, Tragweite und Auswirkungen ({transparency}):"),
            Lang::En => format!(
                "The logic involved, its significance and the envisaged consequences ({transparency}):"
            ),
        };
        let mut ps = vec![format!("{lead} {first}")];
        ps.extend(rest.iter().cloned());
        ps
    }

    /// The use of AI: the system and its provider, and what the AI Act and Art. 6(4), 13(3)
    /// GDPR require to be told. One paragraph, then the further paragraphs of the labelling.
    fn ai_fact(&self, ai: &AiFacts) -> Option<Fact> {
        let mut ps = Vec::new();
        ps.extend(self.ai_system(ai));
        ps.extend(self.chatbot(ai));
        let (content, extra) = self.generated_content(ai).unzip();
        ps.extend(content);
        ps.extend(self.recognition(ai));
        ps.extend(self.high_risk(ai));
        ps.extend(self.training(ai));
        if ai.anonymized {
            ps.push(
                self.t(
                    "Ihre Daten werden anonymisiert, bevor das KI-System sie verarbeitet.",
                    "Your data is anonymised before the AI system processes it.",
                )
                .to_string(),
            );
        }
        if ps.is_empty() {
            return None;
        }
        let mut paragraphs = vec![ps.join(" ")];
        paragraphs.extend(extra.into_iter().flatten());
        Some(fact(
            self.t(
                "Einsatz künstlicher Intelligenz",
                "Use of artificial intelligence",
            ),
            paragraphs,
        ))
    }

    fn ai_system(&self, ai: &AiFacts) -> Vec<String> {
        let Some(system) = &ai.system else {
            return Vec::new();
        };
        let mut ps = vec![match self.lang {
            Lang::De => format!(
                "Wir setzen dafür folgendes KI-System ein: {}",
                sentence(system)
            ),
            Lang::En => format!(
                "We use the following AI system for this: {}",
                sentence(system)
            ),
        }];
        if let Some(p) = &ai.provider {
            ps.push(format!(
                "{}: {}",
                self.t("Anbieter", "Provider"),
                sentence(p)
            ));
        }
        ps
    }

    /// Art. 50(1) AI Act: people are told that they are talking to an AI system.
    fn chatbot(&self, ai: &AiFacts) -> Option<String> {
        if !ai.chatbot {
            return None;
        }
        let lang = self.lang;
        let base = match lang {
            Lang::De => format!(
                "Sie kommunizieren dabei mit einem KI-System, nicht mit einem Menschen ({})",
                lang.ai_act(1)
            ),
            Lang::En => format!(
                "You are interacting with an AI system, not with a human ({})",
                lang.ai_act(1)
            ),
        };
        if ai.disclosure.is_empty() {
            return Some(format!("{base}."));
        }
        Some(format!(
            "{base}. {} {}",
            self.t(
                "Darauf weisen wir Sie zu Beginn des Gesprächs hin:",
                "We tell you so when the conversation starts:"
            ),
            quote(lang, &ai.disclosure.join(" "))
        ))
    }

    /// Content generated with AI: the sentence, and the further paragraphs of the labelling.
    /// Art. 50(2) binds providers, 50(4) deployers of deep fakes and of public-interest texts;
    /// the record does not yet say which applies, so no duty is claimed (P22).
    fn generated_content(&self, ai: &AiFacts) -> Option<(String, Vec<String>)> {
        if !ai.generates_content {
            return None;
        }
        let lang = self.lang;
        let citation = match lang {
            Lang::De => "vgl. Art. 50 KI-VO",
            Lang::En => "cf. Art. 50 AI Act",
        };
        Some(match ai.labelling.split_first() {
            Some((first, rest)) => (
                match lang {
                    Lang::De => format!(
                        "Mit KI erzeugte oder veränderte Inhalte kennzeichnen wir als solche ({citation}): {}",
                        sentence(first)
                    ),
                    Lang::En => format!(
                        "We label content generated or manipulated with AI as such ({citation}): {}",
                        sentence(first)
                    ),
                },
                rest.to_vec(),
            ),
            None => (
                match lang {
                    Lang::De => format!("Wir erzeugen dabei Inhalte mit KI ({citation})."),
                    Lang::En => format!("We use AI to generate content ({citation})."),
                },
                Vec::new(),
            ),
        })
    }

    /// Art. 50(3) AI Act: emotion recognition and biometric categorisation, and the notice
    /// given beforehand (unless the chatbot sentence quotes it already).
    fn recognition(&self, ai: &AiFacts) -> Vec<String> {
        let lang = self.lang;
        let mut ps = Vec::new();
        if ai.emotion_recognition {
            ps.push(match lang {
                Lang::De => format!(
                    "Wir setzen ein Emotionserkennungssystem ein, das aus biometrischen Daten auf Emotionen oder Absichten schließt ({}).",
                    lang.ai_act(3)
                ),
                Lang::En => format!(
                    "We use an emotion recognition system that infers emotions or intentions from biometric data ({}).",
                    lang.ai_act(3)
                ),
            });
        }
        if ai.biometric_categorisation {
            ps.push(match lang {
                Lang::De => format!(
                    "Wir setzen ein System zur biometrischen Kategorisierung ein, das Personen anhand biometrischer Daten bestimmten Kategorien zuordnet ({}).",
                    lang.ai_act(3)
                ),
                Lang::En => format!(
                    "We use a biometric categorisation system that assigns people to specific categories on the basis of biometric data ({}).",
                    lang.ai_act(3)
                ),
            });
        }
        if !ps.is_empty() && !ai.chatbot && !ai.disclosure.is_empty() {
            ps.push(format!(
                "{} {}",
                self.t(
                    "Darauf weisen wir Sie vorab hin:",
                    "We inform you of this beforehand:"
                ),
                quote(lang, &ai.disclosure.join(" "))
            ));
        }
        ps
    }

    /// Art. 26(11) AI Act: people are told that a high-risk system is used on them.
    fn high_risk(&self, ai: &AiFacts) -> Option<String> {
        let area = ai.high_risk.as_ref()?;
        Some(match self.lang {
            Lang::De => format!(
                "Sie unterliegen dabei dem Einsatz eines Hochrisiko-KI-Systems ({area}; Art. 26 Abs. 11 KI-VO)."
            ),
            Lang::En => format!(
                "You are subject to the use of a high-risk AI system here ({area}; Art. 26(11) AI Act)."
            ),
        })
    }

    /// Art. 13(3): the further use for training, with the compatibility the record states.
    fn training(&self, ai: &AiFacts) -> Option<String> {
        if !ai.trains_on_personal_data {
            return None;
        }
        let mut s = self
            .t(
                "Wir verwenden die Daten außerdem, um KI-Modelle zu trainieren oder zu verbessern; das ist eine Weiterverarbeitung zu einem anderen Zweck (Art. 6 Abs. 4 DSGVO).",
                "We also use the data to train or improve AI models; this is further processing for another purpose (Art. 6(4) GDPR).",
            )
            .to_string();
        if !ai.compatibility.is_empty() {
            s.push(' ');
            s.push_str(self.t(
                "Warum sie mit dem ursprünglichen Zweck vereinbar ist:",
                "Why it is compatible with the original purpose:",
            ));
            s.push(' ');
            s.push_str(&sentence(&ai.compatibility.join(" ")));
        }
        Some(s)
    }

    /// One paragraph per retention part: "10 Jahre ab Ende des Kalenderjahres
    /// (Rechnungsdaten; § 147 AO); danach werden die Daten gelöscht." (CHANGES §1.6, P25).
    fn retention_fact(&self, a: &ActivityFacts) -> Option<Fact> {
        let retention: Vec<String> = a
            .retention_parts
            .iter()
            .filter_map(|r| self.retention_text(r))
            .collect();
        (!retention.is_empty())
            .then(|| fact(self.t("Speicherdauer", "Retention period"), retention))
    }

    /// One retention part in words; `None` when its period is still `todo`.
    fn retention_text(&self, r: &RetentionFacts) -> Option<String> {
        let mut s = r.period.clone()?;
        if let Some(from) = &r.from {
            s.push_str(self.t(" ab ", " from "));
            s.push_str(from);
        }
        let mut about: Vec<String> = r.data.iter().map(|l| l.label.clone()).collect();
        about.extend(r.law.clone());
        if !about.is_empty() {
            s.push_str(" (");
            s.push_str(&about.join("; "));
            s.push(')');
        }
        Some(if r.is_period {
            s.push_str(self.t(
                "; danach werden die Daten gelöscht.",
                "; the data is then deleted.",
            ));
            s
        } else {
            sentence(&s)
        })
    }
}
