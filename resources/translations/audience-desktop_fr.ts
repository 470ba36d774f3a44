<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>App</name>
    <message>
        <location filename="../../audience_desktop/app.py" line="120"/>
        <source>audience-desktop cannot start: its folders cannot be used (%1). Check that they exist and that you may write to them, or set AUDIENCE_DESKTOP_HOME to another folder.</source>
        <translation>audience-desktop ne peut pas démarrer&#xa0;: ses dossiers sont inutilisables (%1). Vérifiez qu&apos;ils existent et que vous pouvez y écrire, ou indiquez un autre dossier avec AUDIENCE_DESKTOP_HOME.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/app.py" line="130"/>
        <source>Cannot start</source>
        <translation>Démarrage impossible</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/app.py" line="149"/>
        <source>Unexpected error</source>
        <translation>Erreur inattendue</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/app.py" line="151"/>
        <source>Something unexpected went wrong. Nothing you created is lost: every attempt is in the history. The details are in the log (Help ▸ Open Log Folder).</source>
        <translation>Un problème inattendu est survenu. Rien de ce que vous avez créé n&apos;est perdu&#xa0;: chaque tentative figure dans l&apos;historique. Les détails se trouvent dans le journal (Aide ▸ Ouvrir le dossier des journaux).</translation>
    </message>
</context>
<context>
    <name>AudienceForm</name>
    <message>
        <location filename="../../audience_desktop/ui/form.py" line="24"/>
        <source>Name of the audience, e.g. Summer buyers</source>
        <translation>Nom de l&apos;audience, par ex. Acheteurs d&apos;été</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/form.py" line="25"/>
        <source>Optional</source>
        <translation>Facultatif</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/form.py" line="26"/>
        <source>e.g. agora</source>
        <translation>par ex. agora</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/form.py" line="27"/>
        <source>e.g. Agora_Collaboration</source>
        <translation>par ex. Agora_Collaboration</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/form.py" line="35"/>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/form.py" line="36"/>
        <source>&amp;Description:</source>
        <translation>&amp;Description&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/form.py" line="37"/>
        <source>Names&amp;pace:</source>
        <translation>&amp;Espace de noms&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/form.py" line="38"/>
        <source>&amp;Origin name:</source>
        <translation>Nom d&apos;&amp;origine&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/form.py" line="41"/>
        <source>Audience name</source>
        <translation>Nom de l&apos;audience</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/form.py" line="42"/>
        <source>Audience description</source>
        <translation>Description de l&apos;audience</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/form.py" line="43"/>
        <source>Namespace</source>
        <translation>Espace de noms</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/form.py" line="44"/>
        <source>Origin name</source>
        <translation>Nom d&apos;origine</translation>
    </message>
</context>
<context>
    <name>BatchEntry</name>
    <message>
        <location filename="../../audience_desktop/ui/batch_entry.py" line="41"/>
        <source>Create from a &amp;Spreadsheet…</source>
        <translation>Créer depuis un &amp;tableur…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_entry.py" line="44"/>
        <source>Create from Pasted &amp;Rows</source>
        <translation>Créer depuis des &amp;lignes collées</translation>
    </message>
</context>
<context>
    <name>BatchMapping</name>
    <message>
        <location filename="../../audience_desktop/ui/batch_mapping.py" line="36"/>
        <source>Columns</source>
        <translation>Colonnes</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_mapping.py" line="40"/>
        <source>Pick the column that holds each field. A default fills a missing column or an empty cell.</source>
        <translation>Choisissez la colonne de chaque champ. Une valeur par défaut remplace une colonne absente ou une cellule vide.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_mapping.py" line="46"/>
        <source>&amp;Name column:</source>
        <translation>Colonne du &amp;nom&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_mapping.py" line="47"/>
        <source>&amp;Description column:</source>
        <translation>Colonne de la &amp;description&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_mapping.py" line="48"/>
        <source>Namespace co&amp;lumn:</source>
        <translation>Colonne de l’espace de no&amp;ms&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_mapping.py" line="49"/>
        <source>Ori&amp;gin name column:</source>
        <translation>Colonne du nom d’or&amp;igine&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_mapping.py" line="63"/>
        <source>Default na&amp;mespace:</source>
        <translation>Espace de noms par défa&amp;ut&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_mapping.py" line="64"/>
        <source>Default origin n&amp;ame:</source>
        <translation>Nom d’ori&amp;gine par défaut&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_mapping.py" line="68"/>
        <source>Chec&amp;k the Rows</source>
        <translation>Vérifier &amp;les lignes</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_mapping.py" line="82"/>
        <source>(no column)</source>
        <translation>(aucune colonne)</translation>
    </message>
</context>
<context>
    <name>BatchPreviewModel</name>
    <message>
        <location filename="../../audience_desktop/ui/batch_preview_model.py" line="75"/>
        <source>Row</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_preview_model.py" line="75"/>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_preview_model.py" line="75"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_preview_model.py" line="76"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_preview_model.py" line="76"/>
        <source>Namespace</source>
        <translation>Espace de noms</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_preview_model.py" line="77"/>
        <source>Origin name</source>
        <translation>Nom d’origine</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_preview_model.py" line="77"/>
        <source>audienceId</source>
        <translation>audienceId</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_preview_model.py" line="78"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
</context>
<context>
    <name>BatchTexts</name>
    <message>
        <location filename="../../audience_desktop/ui/batch_texts.py" line="26"/>
        <source>ready</source>
        <translation>prête</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_texts.py" line="27"/>
        <source>created</source>
        <translation>créée</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_texts.py" line="28"/>
        <source>already created</source>
        <translation>déjà créée</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_texts.py" line="29"/>
        <source>invalid</source>
        <translation>invalide</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_texts.py" line="30"/>
        <source>repeated in the file</source>
        <translation>répétée dans le fichier</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_texts.py" line="33"/>
        <source>failed</source>
        <translation>échouée</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_texts.py" line="34"/>
        <source>outcome unknown</source>
        <translation>issue inconnue</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_texts.py" line="35"/>
        <source>not sent</source>
        <translation>non envoyée</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_texts.py" line="49"/>
        <source>No profile is selected: choose one in the main window.</source>
        <translation>Aucun profil n’est choisi&#xa0;: choisissez-en un dans la fenêtre principale.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_texts.py" line="51"/>
        <source>Goes to profile “%1”, PRODUCTION sandbox %2</source>
        <translation>Vers le profil «&#xa0;%1&#xa0;», sandbox de PRODUCTION %2</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_texts.py" line="53"/>
        <source>Goes to profile “%1”, sandbox %2</source>
        <translation>Vers le profil «&#xa0;%1&#xa0;», sandbox %2</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_texts.py" line="58"/>
        <source>Pasted rows</source>
        <translation>Lignes collées</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_texts.py" line="60"/>
        <source>%1, sheet “%2”</source>
        <translation>%1, feuille «&#xa0;%2&#xa0;»</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_texts.py" line="63"/>
        <source>%1 rows — %2</source>
        <translation>%1 lignes — %2</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_texts.py" line="67"/>
        <source>%1 of %2 rows done — %3</source>
        <translation>%1 lignes traitées sur %2 — %3</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_texts.py" line="77"/>
        <source>%1 of %2 sent.</source>
        <translation>%1 envoyées sur %2.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_texts.py" line="79"/>
        <source>Paused: %1 of %2 sent. The rows not started wait for Resume.</source>
        <translation>En pause&#xa0;: %1 envoyées sur %2. Les lignes non commencées attendent Reprendre.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_texts.py" line="81"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_texts.py" line="82"/>
        <source>%1 of %2 sent, %3 per second, about %4 left</source>
        <translation>%1 envoyées sur %2, %3 par seconde, environ %4 restantes</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_texts.py" line="89"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_texts.py" line="91"/>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_texts.py" line="92"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_texts.py" line="97"/>
        <source>Stopped: %1 rows not sent. Continue the batch to send them; rows created are never sent again.</source>
        <translation>Arrêté&#xa0;: %1 lignes non envoyées. Continuez le lot pour les envoyer&#xa0;; les lignes créées ne sont jamais renvoyées.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_texts.py" line="99"/>
        <source>The batch is finished.</source>
        <translation>Le lot est terminé.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_texts.py" line="103"/>
        <source>Con&amp;tinue the Batch</source>
        <translation>Con&amp;tinuer le lot</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_texts.py" line="105"/>
        <source>&amp;Create %1 Audiences</source>
        <translation>C&amp;réer %1 audiences</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_texts.py" line="109"/>
        <source>Create %1 audiences in the PRODUCTION sandbox “%2”?

Everyone who uses that sandbox will see them, and none can be created twice.</source>
        <translation>Créer %1 audiences dans le sandbox de PRODUCTION «&#xa0;%2&#xa0;»&#xa0;?

Tous ceux qui utilisent ce sandbox les verront, et aucune ne peut être créée deux fois.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_texts.py" line="116"/>
        <source>The batch is still creating audiences. If you close now, the creates under way finish, the rows not started stay “not sent”, and running the same rows again sends them. Stop the batch and close?</source>
        <translation>Le lot crée encore des audiences. Si vous fermez maintenant, les créations en cours se terminent, les lignes non commencées restent «&#xa0;non envoyées&#xa0;», et relancer les mêmes lignes les envoie. Arrêter le lot et fermer&#xa0;?</translation>
    </message>
</context>
<context>
    <name>BatchWindow</name>
    <message>
        <location filename="../../audience_desktop/ui/batch_window.py" line="85"/>
        <source>Create from a Spreadsheet</source>
        <translation>Créer depuis un tableur</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_window.py" line="88"/>
        <source>&amp;Open a File…</source>
        <translation>&amp;Ouvrir un fichier…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_window.py" line="90"/>
        <source>&amp;Paste Rows</source>
        <translation>&amp;Coller des lignes</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_window.py" line="92"/>
        <source>Rows copied from a spreadsheet, header row first (Ctrl+V)</source>
        <translation>Lignes copiées d’un tableur, ligne d’en-tête comprise (Ctrl+V)</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_window.py" line="95"/>
        <source>S&amp;heet:</source>
        <translation>&amp;Feuille&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_window.py" line="125"/>
        <source>%v of %m rows</source>
        <translation>%v lignes sur %m</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_window.py" line="132"/>
        <source>Check &amp;Without the Sandbox</source>
        <translation>&amp;Vérifier sans lister le sandbox</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_window.py" line="135"/>
        <location filename="../../audience_desktop/ui/batch_window.py" line="373"/>
        <source>Pa&amp;use</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_window.py" line="136"/>
        <source>&amp;Stop</source>
        <translation>&amp;Arrêter</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_window.py" line="137"/>
        <source>Rows not started stay not sent; sends under way finish</source>
        <translation>Les lignes non commencées restent non envoyées&#xa0;; les envois en cours se terminent</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_window.py" line="139"/>
        <source>Sa&amp;ve Results…</source>
        <translation>&amp;Enregistrer les résultats…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_window.py" line="141"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_window.py" line="150"/>
        <source>Paste Rows</source>
        <translation>Coller des lignes</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_window.py" line="185"/>
        <source>Open a Spreadsheet</source>
        <translation>Ouvrir un tableur</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_window.py" line="186"/>
        <source>Spreadsheets (%1);;All files (*)</source>
        <translation>Tableurs (%1);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_window.py" line="201"/>
        <source>The clipboard holds no rows: copy the cells in the spreadsheet, the header row included, then paste.</source>
        <translation>Le presse-papiers ne contient aucune ligne&#xa0;: copiez les cellules dans le tableur, ligne d’en-tête comprise, puis collez.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_window.py" line="213"/>
        <source>Reading…</source>
        <translation>Lecture…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_window.py" line="245"/>
        <source>Checking every row…</source>
        <translation>Vérification de chaque ligne…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_window.py" line="278"/>
        <source>The sandbox was not listed: names already there are not found before sending (the history&apos;s are).</source>
        <translation>Le sandbox n’a pas été listé&#xa0;: les noms qui s’y trouvent déjà ne sont pas repérés avant l’envoi (ceux de l’historique le sont).</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_window.py" line="291"/>
        <source>Pick its column below, or give a default for every row.</source>
        <translation>Choisissez sa colonne ci-dessous, ou donnez une valeur par défaut pour toutes les lignes.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_window.py" line="325"/>
        <source>Create in production?</source>
        <translation>Créer en production&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_window.py" line="326"/>
        <source>Create in &amp;Production</source>
        <translation>Créer en &amp;production</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_window.py" line="373"/>
        <source>&amp;Resume</source>
        <translation>Re&amp;prendre</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_window.py" line="380"/>
        <source>Stopping: the creates under way finish first…</source>
        <translation>Arrêt&#xa0;: les créations en cours se terminent d’abord…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_window.py" line="391"/>
        <source>Save the Results</source>
        <translation>Enregistrer les résultats</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_window.py" line="392"/>
        <source>CSV (*.csv);;Excel workbook (*.xlsx)</source>
        <translation>CSV (*.csv);;Classeur Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_window.py" line="403"/>
        <source>Results saved to %1.</source>
        <translation>Résultats enregistrés dans %1.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_window.py" line="440"/>
        <source>Stop the batch?</source>
        <translation>Arrêter le lot&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/batch_window.py" line="441"/>
        <source>Stop and &amp;Close</source>
        <translation>Arrêter et &amp;fermer</translation>
    </message>
</context>
<context>
    <name>CreateController</name>
    <message>
        <location filename="../../audience_desktop/ui/create_controller.py" line="133"/>
        <source>Add a profile first (Profiles…)</source>
        <translation>Ajoutez d’abord un profil (Profils…)</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/create_controller.py" line="138"/>
        <source>This audience is being created</source>
        <translation>Cette audience est en cours de création</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/create_controller.py" line="140"/>
        <source>Already created in this sandbox: change the name</source>
        <translation>Déjà créée dans ce sandbox&#xa0;: changez le nom</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/create_controller.py" line="222"/>
        <source>Create the audience “%1” in the PRODUCTION sandbox “%2”?

Everyone who uses that sandbox will see it, and it cannot be created twice.</source>
        <translation>Créer l’audience «&#xa0;%1&#xa0;» dans le sandbox de PRODUCTION «&#xa0;%2&#xa0;»&#xa0;?

Tous ceux qui utilisent ce sandbox la verront, et elle ne peut pas être créée deux fois.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/create_controller.py" line="229"/>
        <source>Create in &amp;Production</source>
        <translation>Créer en &amp;production</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/create_controller.py" line="255"/>
        <source>try %1 of %2</source>
        <translation>essai %1 sur %2</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/create_controller.py" line="259"/>
        <source>Adobe is throttling requests; retrying in %1 s (%2)…</source>
        <translation>Adobe limite le débit des requêtes&#xa0;; nouvel essai dans %1&#xa0;s (%2)…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/create_controller.py" line="261"/>
        <source>Adobe could not be reached; retrying in %1 s (%2)…</source>
        <translation>Adobe est injoignable&#xa0;; nouvel essai dans %1&#xa0;s (%2)…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/create_controller.py" line="266"/>
        <source>Creating “%1” in sandbox %2: waiting for Adobe&apos;s answer, %3 s…</source>
        <translation>Création de «&#xa0;%1&#xa0;» dans le sandbox %2&#xa0;: en attente de la réponse d’Adobe, %3&#xa0;s…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/create_controller.py" line="271"/>
        <source>Creating “%1” in sandbox %2…</source>
        <translation>Création de «&#xa0;%1&#xa0;» dans le sandbox %2…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/create_controller.py" line="331"/>
        <location filename="../../audience_desktop/ui/create_controller.py" line="358"/>
        <source>Copy its audience&amp;Id</source>
        <translation>Copier son audience&amp;Id</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/create_controller.py" line="338"/>
        <source>Sho&amp;w in History</source>
        <translation>&amp;Voir dans l’historique</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/create_controller.py" line="363"/>
        <source>Create Any&amp;way</source>
        <translation>Créer &amp;quand même</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/create_controller.py" line="219"/>
        <source>Create in production?</source>
        <translation>Créer en production&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/create_controller.py" line="300"/>
        <source>Created “%1”: audienceId %2</source>
        <translation>«&#xa0;%1&#xa0;» créée&#xa0;: audienceId %2</translation>
    </message>
</context>
<context>
    <name>DeleteDialog</name>
    <message>
        <location filename="../../audience_desktop/ui/delete_dialog.py" line="34"/>
        <source>Delete from the sandbox?</source>
        <translation>Supprimer du sandbox&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/delete_dialog.py" line="37"/>
        <source>Delete “%1” (audienceId %2) from the PRODUCTION sandbox “%3”?

Everyone who uses that sandbox loses it, and it cannot be undone.</source>
        <translation>Supprimer «&#xa0;%1&#xa0;» (audienceId %2) du sandbox de PRODUCTION «&#xa0;%3&#xa0;»&#xa0;?

Tous ceux qui utilisent ce sandbox la perdent, et c’est irréversible.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/delete_dialog.py" line="42"/>
        <source>Delete “%1” (audienceId %2) from the sandbox “%3”?

Everyone who uses that sandbox loses it, and it cannot be undone.</source>
        <translation>Supprimer «&#xa0;%1&#xa0;» (audienceId %2) du sandbox «&#xa0;%3&#xa0;»&#xa0;?

Tous ceux qui utilisent ce sandbox la perdent, et c’est irréversible.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/delete_dialog.py" line="52"/>
        <source>&amp;Type its name to confirm:</source>
        <translation>&amp;Tapez son nom pour confirmer&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/delete_dialog.py" line="54"/>
        <source>Its name cannot be typed: &amp;type its id (%1) to confirm:</source>
        <translation>Son nom ne peut pas être tapé&#xa0;: &amp;tapez son id (%1) pour confirmer&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/delete_dialog.py" line="59"/>
        <source>The audience&apos;s name, to confirm</source>
        <translation>Le nom de l’audience, pour confirmer</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/delete_dialog.py" line="62"/>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
</context>
<context>
    <name>DetailsPane</name>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="19"/>
        <source>Details of the selected attempt</source>
        <translation>Détails de la tentative sélectionnée</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="20"/>
        <source>Select an attempt to see its details.</source>
        <translation>Sélectionnez une tentative pour en voir les détails.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="28"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="29"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="30"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="31"/>
        <source>Namespace</source>
        <translation>Espace de noms</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="32"/>
        <source>Origin name</source>
        <translation>Nom d&apos;origine</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="33"/>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="34"/>
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="35"/>
        <source>audienceId</source>
        <translation>audienceId</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="36"/>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="38"/>
        <source>HTTP status</source>
        <translation>Statut HTTP</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="41"/>
        <source>Error code</source>
        <translation>Code d&apos;erreur</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="42"/>
        <source>Request id</source>
        <translation>ID de requête</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="43"/>
        <source>Created</source>
        <translation>Créée</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="44"/>
        <source>Updated</source>
        <translation>Mise à jour</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="45"/>
        <source>Endpoint</source>
        <translation>Point de terminaison</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="50"/>
        <source>Message:</source>
        <translation>Message&#xa0;:</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../audience_desktop/ui/history_export.py" line="66"/>
        <source>Export History</source>
        <translation>Exporter l&apos;historique</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_export.py" line="69"/>
        <source>&amp;All attempts</source>
        <translation>&amp;Toutes les tentatives</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_export.py" line="71"/>
        <source>Those the &amp;filter shows (“%1”)</source>
        <translation>Celles que le &amp;filtre affiche («&#xa0;%1&#xa0;»)</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_export.py" line="73"/>
        <source>Those the &amp;filter shows (no filter)</source>
        <translation>Celles que le &amp;filtre affiche (aucun filtre)</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_export.py" line="75"/>
        <source>The s&amp;elected ones (%1)</source>
        <translation>Les sél&amp;ectionnées (%1)</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_export.py" line="86"/>
        <source>CSV for &amp;spreadsheets such as Excel (“%1” between cells)</source>
        <translation>CSV pour ta&amp;bleurs comme Excel («&#xa0;%1&#xa0;» entre les cellules)</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_export.py" line="90"/>
        <source>CSV, &amp;plain (RFC 4180: commas, no byte-order mark)</source>
        <translation>CSV &amp;simple (RFC 4180&#xa0;: virgules, sans indicateur d&apos;ordre des octets)</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_export.py" line="91"/>
        <source>&amp;JSON</source>
        <translation>&amp;JSON</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_export.py" line="96"/>
        <source>Rows</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_export.py" line="97"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_export.py" line="108"/>
        <source>&amp;Choose File…</source>
        <translation>&amp;Choisir le fichier…</translation>
    </message>
</context>
<context>
    <name>FailureDialog</name>
    <message>
        <location filename="../../audience_desktop/ui/failure_dialog.py" line="43"/>
        <location filename="../../audience_desktop/ui/failure_dialog.py" line="47"/>
        <source>What happened</source>
        <translation>Ce qui s&apos;est passé</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/failure_dialog.py" line="54"/>
        <source>:</source>
        <translation>&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/failure_dialog.py" line="57"/>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/failure_dialog.py" line="59"/>
        <source>Copy the message and the details, for support</source>
        <translation>Copier le message et les détails, pour le support</translation>
    </message>
</context>
<context>
    <name>FirstRunPanel</name>
    <message>
        <location filename="../../audience_desktop/ui/first_run.py" line="28"/>
        <source>Welcome to audience-desktop</source>
        <translation>Bienvenue dans audience-desktop</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/first_run.py" line="36"/>
        <source>To create audiences in Adobe Experience Platform, add a profile: your organisation&apos;s API credentials and the sandbox to create in. Your administrator can give you a profile file to import. To look around first, try the demo: it creates audiences on a built-in local server, never in AEP.</source>
        <translation>Pour créer des audiences dans Adobe Experience Platform, ajoutez un profil&#xa0;: les identifiants d’API de votre organisation et le sandbox où créer. Votre administrateur peut vous donner un fichier de profil à importer. Pour découvrir l’application d’abord, essayez la démo&#xa0;: elle crée les audiences sur un serveur local intégré, jamais dans AEP.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/first_run.py" line="45"/>
        <source>Set &amp;Up a Profile…</source>
        <translation>Ajo&amp;uter un profil…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/first_run.py" line="48"/>
        <source>Tr&amp;y the Demo</source>
        <translation>Essa&amp;yer la démo</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/first_run.py" line="59"/>
        <source>Getting started</source>
        <translation>Premiers pas</translation>
    </message>
</context>
<context>
    <name>HistoryExporter</name>
    <message>
        <location filename="../../audience_desktop/ui/history_export.py" line="204"/>
        <source>JSON files (*.json)</source>
        <translation>Fichiers JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_export.py" line="204"/>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_export.py" line="206"/>
        <source>Export History</source>
        <translation>Exporter l&apos;historique</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_export.py" line="226"/>
        <source>History exported to %1 (1 row).</source>
        <translation>Historique exporté vers %1 (1 ligne).</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_export.py" line="228"/>
        <source>History exported to %1 (%2 rows).</source>
        <translation>Historique exporté vers %1 (%2 lignes).</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_export.py" line="231"/>
        <source>History Exported</source>
        <translation>Historique exporté</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_export.py" line="235"/>
        <source>&amp;Open Folder</source>
        <translation>&amp;Ouvrir le dossier</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_export.py" line="255"/>
        <source>The history could not be exported: %1.</source>
        <translation>L’historique n’a pas pu être exporté&#xa0;: %1.</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../audience_desktop/ui/history_model.py" line="54"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_model.py" line="55"/>
        <source>Created</source>
        <translation>Créée</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_model.py" line="56"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_model.py" line="57"/>
        <source>Namespace</source>
        <translation>Espace de noms</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_model.py" line="58"/>
        <source>Origin name</source>
        <translation>Nom d&apos;origine</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_model.py" line="59"/>
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_model.py" line="60"/>
        <source>audienceId</source>
        <translation>audienceId</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_model.py" line="67"/>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_model.py" line="68"/>
        <source>Succeeded</source>
        <translation>Réussie</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_model.py" line="69"/>
        <source>Failed</source>
        <translation>Échouée</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_model.py" line="70"/>
        <source>Unknown</source>
        <translation>Inconnue</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <location filename="../../audience_desktop/ui/history_panel.py" line="77"/>
        <source>Fil&amp;ter history:</source>
        <translation>Fil&amp;trer l&apos;historique&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_panel.py" line="80"/>
        <source>Filter (Ctrl+F)</source>
        <translation>Filtrer (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_panel.py" line="81"/>
        <source>Filter the history</source>
        <translation>Filtrer l&apos;historique</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_panel.py" line="94"/>
        <source>History of attempts</source>
        <translation>Historique des tentatives</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_panel.py" line="132"/>
        <source>Copy &amp;audienceId</source>
        <translation>Copier l&apos;&amp;audienceId</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_panel.py" line="137"/>
        <source>Copy as cU&amp;RL</source>
        <translation>Copier au format c&amp;URL</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_panel.py" line="139"/>
        <source>&amp;Use as Template</source>
        <translation>Utiliser comme &amp;modèle</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_panel.py" line="142"/>
        <source>&amp;Check Unknown Outcome</source>
        <translation>&amp;Vérifier un résultat inconnu</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_panel.py" line="146"/>
        <source>&amp;Mark as Not Created…</source>
        <translation>Marquer comme &amp;non créée…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_panel.py" line="151"/>
        <source>&amp;Filter History</source>
        <translation>&amp;Filtrer l&apos;historique</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_panel.py" line="153"/>
        <source>Go to &amp;History</source>
        <translation>Aller à l&apos;&amp;historique</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_panel.py" line="155"/>
        <source>&amp;Export History…</source>
        <translation>&amp;Exporter l&apos;historique…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_panel.py" line="246"/>
        <source>%1 attempts selected.</source>
        <translation>%1 tentatives sélectionnées.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_panel.py" line="299"/>
        <source>Copied the request as cURL (the token is a placeholder).</source>
        <translation>Requête copiée au format cURL (le jeton est fictif).</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_panel.py" line="316"/>
        <source>Checking whether “%1” was created…</source>
        <translation>Vérification de la création de «&#xa0;%1&#xa0;»…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_panel.py" line="321"/>
        <source>Checked: “%1” exists (audienceId %2).</source>
        <translation>Vérification faite&#xa0;: «&#xa0;%1&#xa0;» existe (audienceId %2).</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_panel.py" line="322"/>
        <source>Checked: “%1” was not created; you can create it again.</source>
        <translation>Vérification faite&#xa0;: «&#xa0;%1&#xa0;» n&apos;a pas été créée&#xa0;; vous pouvez la créer à nouveau.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_panel.py" line="323"/>
        <source>Could not settle “%1” yet; try again later.</source>
        <translation>Impossible de trancher pour «&#xa0;%1&#xa0;» pour l’instant&#xa0;; réessayez plus tard.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_panel.py" line="324"/>
        <source>“%1” is still being created; check again later.</source>
        <translation>«&#xa0;%1&#xa0;» est encore en cours de création&#xa0;; vérifiez plus tard.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_panel.py" line="337"/>
        <source>Mark as not created?</source>
        <translation>Marquer comme non créée&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_panel.py" line="340"/>
        <source>Only do this after checking in Adobe Experience Platform that “%1” does not exist in sandbox %2. It can then be created again, and if it did exist, there will be two.</source>
        <translation>Ne le faites qu’après avoir vérifié dans Adobe Experience Platform que «&#xa0;%1&#xa0;» n’existe pas dans le sandbox %2. Elle pourra alors être créée à nouveau&#xa0;; si elle existait, il y en aura deux.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_panel.py" line="356"/>
        <source>“%1” is marked as not created.</source>
        <translation>«&#xa0;%1&#xa0;» est marquée comme non créée.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="85"/>
        <source>audience-desktop</source>
        <translation>audience-desktop</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="85"/>
        <source> — demo</source>
        <translation> — démo</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="105"/>
        <source>Demo mode: audiences are created on a built-in local server, not in Adobe Experience Platform.</source>
        <translation>Mode démo&#xa0;: les audiences sont créées sur un serveur local intégré, pas dans Adobe Experience Platform.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="117"/>
        <source>Re&amp;load the Profiles</source>
        <translation>Relire les profil&amp;s</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="122"/>
        <source>&amp;Move Aside and Start a New History</source>
        <translation>&amp;Mettre de côté et commencer un nouvel historique</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="134"/>
        <source>&amp;Create</source>
        <translation>&amp;Créer</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="173"/>
        <source>&amp;Create Audience</source>
        <translation>&amp;Créer l&apos;audience</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="178"/>
        <source>&amp;Profiles…</source>
        <translation>&amp;Profils…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="182"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="184"/>
        <source>&amp;About audience-desktop</source>
        <translation>À &amp;propos d&apos;audience-desktop</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="186"/>
        <source>Open &amp;Log Folder</source>
        <translation>Ouvrir le dossier des &amp;journaux</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="188"/>
        <source>Try the &amp;Demo</source>
        <translation>Essayer la &amp;démo</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="196"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="204"/>
        <source>Hi&amp;story</source>
        <translation>&amp;Historique</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="210"/>
        <source>Sandbo&amp;x</source>
        <translation>Sandbo&amp;x</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="216"/>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="261"/>
        <source>No profile: the file is unreadable</source>
        <translation>Aucun profil&#xa0;: le fichier est illisible</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="307"/>
        <source>Create the audience (%1)</source>
        <translation>Créer l’audience (%1)</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="362"/>
        <source>Earlier attempts whose outcome is unknown could not be checked: %1</source>
        <translation>Les tentatives précédentes au résultat inconnu n&apos;ont pas pu être vérifiées&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="355"/>
        <source>Checked %1 earlier attempt(s) whose outcome was unknown.</source>
        <translation>%1 tentative(s) précédente(s) au résultat inconnu vérifiée(s).</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="251"/>
        <source>The profiles could not be read, so none is offered: %1</source>
        <translation>Les profils n&apos;ont pas pu être lus, aucun n&apos;est donc proposé&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_guard.py" line="83"/>
        <source>You can move it aside and begin a new history: the file is kept, renamed with the date, never deleted.</source>
        <translation>Vous pouvez le mettre de côté et commencer un nouvel historique&#xa0;: le fichier est conservé, renommé avec la date, jamais supprimé.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_guard.py" line="91"/>
        <source>The history is shown, but Create is off until the history can record what it sends.</source>
        <translation>L&apos;historique est affiché, mais la création est désactivée tant que l&apos;historique ne peut pas enregistrer ce qu&apos;elle envoie.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_guard.py" line="97"/>
        <source>Create is off until there is a history to record what it sends.</source>
        <translation>La création est désactivée tant qu&apos;aucun historique ne peut enregistrer ce qu&apos;elle envoie.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_guard.py" line="105"/>
        <source>Create is off: %1</source>
        <translation>Création désactivée&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_guard.py" line="121"/>
        <source>The old history was moved aside to %1 (kept, not deleted). A new history begins.</source>
        <translation>L&apos;ancien historique a été mis de côté sous %1 (conservé, pas supprimé). Un nouvel historique commence.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="388"/>
        <source>About audience-desktop</source>
        <translation>À propos d&apos;audience-desktop</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="391"/>
        <source>audience-desktop %1

Create external audiences in Adobe Experience Platform.

Logs: %2</source>
        <translation>audience-desktop %1

Créez des audiences externes dans Adobe Experience Platform.

Journaux&#xa0;: %2</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="481"/>
        <source>Quit while creating?</source>
        <translation>Quitter pendant une création&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="483"/>
        <source>A create is still waiting for Adobe&apos;s answer. If you quit now, the history keeps it as pending and checks it later. Quit anyway?</source>
        <translation>Une création attend encore la réponse d&apos;Adobe. Si vous quittez maintenant, l&apos;historique la garde en attente et la vérifiera plus tard. Quitter quand même&#xa0;?</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../audience_desktop/ui/messages.py" line="24"/>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/messages.py" line="52"/>
        <source>HTTP status</source>
        <translation>Statut HTTP</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/messages.py" line="55"/>
        <source>Error code</source>
        <translation>Code d&apos;erreur</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/messages.py" line="56"/>
        <source>Request id</source>
        <translation>ID de requête</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/messages.py" line="57"/>
        <source>Adobe&apos;s message</source>
        <translation>Message d’Adobe</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/messages.py" line="61"/>
        <source>History note</source>
        <translation>Note de l’historique</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/messages.py" line="70"/>
        <source>No clear answer from Adobe: the audience may exist. It is marked Unknown in the history; check it later (Ctrl+R) before creating it again.</source>
        <translation>Pas de réponse claire d&apos;Adobe&#xa0;: l&apos;audience existe peut-être. Elle est marquée Inconnu dans l&apos;historique&#xa0;; vérifiez-la plus tard (Ctrl+R) avant de la créer à nouveau.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/messages.py" line="83"/>
        <source>Cancelled before it started; nothing was sent.</source>
        <translation>Annulé avant de commencer&#xa0;; rien n&apos;a été envoyé.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/messages.py" line="87"/>
        <source>Something unexpected went wrong. The details are in the log (Help ▸ Open Log Folder).</source>
        <translation>Un problème inattendu est survenu. Les détails sont dans le journal (Aide ▸ Ouvrir le dossier des journaux).</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/messages.py" line="91"/>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
</context>
<context>
    <name>ProblemBar</name>
    <message>
        <location filename="../../audience_desktop/ui/problem_bar.py" line="40"/>
        <source>Try &amp;Again</source>
        <translation>&amp;Réessayer</translation>
    </message>
</context>
<context>
    <name>ProfileBar</name>
    <message>
        <location filename="../../audience_desktop/ui/profile_bar.py" line="29"/>
        <source>P&amp;rofile:</source>
        <translation>&amp;Profil&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_bar.py" line="32"/>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_bar.py" line="38"/>
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_bar.py" line="40"/>
        <source>Profiles…</source>
        <translation>Profils…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_bar.py" line="63"/>
        <source>No profile yet: add one</source>
        <translation>Aucun profil pour l&apos;instant&#xa0;: ajoutez-en un</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_bar.py" line="79"/>
        <source>No sandbox</source>
        <translation>Aucun sandbox</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_bar.py" line="80"/>
        <source>No profile is selected: add one to create.</source>
        <translation>Aucun profil n&apos;est choisi&#xa0;: ajoutez-en un pour créer.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_bar.py" line="84"/>
        <source>PRODUCTION sandbox: %1</source>
        <translation>Sandbox de PRODUCTION&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_bar.py" line="84"/>
        <source>Sandbox %1, production</source>
        <translation>Sandbox %1, de production</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_bar.py" line="86"/>
        <source>Audiences are created in %1, a production sandbox; each create asks first.</source>
        <translation>Les audiences sont créées dans %1, un sandbox de production&#xa0;; chaque création demande d&apos;abord confirmation.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_bar.py" line="91"/>
        <source>Sandbox: %1</source>
        <translation>Sandbox&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_bar.py" line="91"/>
        <source>Sandbox %1, not production</source>
        <translation>Sandbox %1, hors production</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_bar.py" line="92"/>
        <source>Audiences are created in %1, which is not a production sandbox.</source>
        <translation>Les audiences sont créées dans %1, qui n&apos;est pas un sandbox de production.</translation>
    </message>
</context>
<context>
    <name>ProfileFields</name>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="44"/>
        <source>Profile name</source>
        <translation>Nom du profil</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="45"/>
        <source>Organization id</source>
        <translation>ID d&apos;organisation</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="46"/>
        <source>Client id</source>
        <translation>ID client</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="49"/>
        <source>Credential type</source>
        <translation>Type d&apos;identifiants</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="50"/>
        <source>OAuth Server-to-Server (client secret)</source>
        <translation>OAuth Server-to-Server (secret client)</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="52"/>
        <source>Access token pasted from Developer Console</source>
        <translation>Jeton d&apos;accès collé depuis Developer Console</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="55"/>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="209"/>
        <source>Client secret</source>
        <translation>Secret client</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="57"/>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="206"/>
        <source>Client &amp;secret:</source>
        <translation>S&amp;ecret client&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="59"/>
        <source>Scopes</source>
        <translation>Portées</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="60"/>
        <source>Platform URL</source>
        <translation>URL de la plateforme</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="64"/>
        <source>API path</source>
        <translation>Chemin de l&apos;API</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="66"/>
        <source>IMS token URL</source>
        <translation>URL du jeton IMS</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="67"/>
        <source>Connect timeout</source>
        <translation>Délai de connexion</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="68"/>
        <source>Read timeout</source>
        <translation>Délai de lecture</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="69"/>
        <source>Total timeout</source>
        <translation>Délai total</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="71"/>
        <source>The whole request: connecting, sending and every byte of the answer</source>
        <translation>Toute la requête&#xa0;: la connexion, l&apos;envoi et chaque octet de la réponse</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="74"/>
        <source>Look the name up in the sandbox be&amp;fore each create</source>
        <translation>Vérifier &amp;que le nom n’existe pas déjà dans le sandbox avant chaque création</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="79"/>
        <source>Colleagues and the AEP UI create audiences too: refuse a name that already exists in the sandbox (one request before each create)</source>
        <translation>Des collègues et l’interface d’AEP créent aussi des audiences&#xa0;: refuser un nom qui existe déjà dans le sandbox (une requête avant chaque création)</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="89"/>
        <source>&amp;Name:</source>
        <translation>No&amp;m&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="90"/>
        <source>&amp;Organization id:</source>
        <translation>ID d&apos;&amp;organisation&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="91"/>
        <source>&amp;Client id:</source>
        <translation>ID &amp;client&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="92"/>
        <source>Credential t&amp;ype:</source>
        <translation>&amp;Type d&apos;identifiants&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="94"/>
        <source>Sand&amp;box:</source>
        <translation>Sand&amp;box&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="95"/>
        <source>Sco&amp;pes:</source>
        <translation>&amp;Portées&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="103"/>
        <source>Advanc&amp;ed</source>
        <translation>A&amp;vancé</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="106"/>
        <source>Platform &amp;URL:</source>
        <translation>URL de la plate&amp;forme&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="107"/>
        <source>API pat&amp;h:</source>
        <translation>C&amp;hemin de l&apos;API&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="108"/>
        <source>IMS token UR&amp;L:</source>
        <translation>&amp;URL du jeton IMS&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="109"/>
        <source>Connect ti&amp;meout:</source>
        <translation>&amp;Délai de connexion&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="110"/>
        <source>Rea&amp;d timeout:</source>
        <translation>Délai de &amp;lecture&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="111"/>
        <source>Tot&amp;al timeout:</source>
        <translation>Délai tot&amp;al&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="154"/>
        <source> s</source>
        <translation>&#xa0;s</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="174"/>
        <source>In the keyring; type to replace</source>
        <translation>Dans le trousseau&#xa0;; saisir pour remplacer</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="177"/>
        <source>Stored in the keyring; type a new one to replace it</source>
        <translation>Enregistré dans le trousseau&#xa0;; saisissez-en un nouveau pour le remplacer</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="206"/>
        <source>Access to&amp;ken:</source>
        <translation>&amp;Jeton d&apos;accès&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_fields.py" line="209"/>
        <source>Access token</source>
        <translation>Jeton d&apos;accès</translation>
    </message>
</context>
<context>
    <name>ProfileSharing</name>
    <message>
        <location filename="../../audience_desktop/ui/profile_sharing.py" line="21"/>
        <source>Shared profiles (*.json);;All files (*)</source>
        <translation>Profils partagés (*.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_sharing.py" line="29"/>
        <source>Export Profile</source>
        <translation>Exporter le profil</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_sharing.py" line="39"/>
        <source>Import Profile</source>
        <translation>Importer un profil</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_sharing.py" line="48"/>
        <source>Exported “%1” to %2, without its secret: whoever imports it types the secret.</source>
        <translation>«&#xa0;%1&#xa0;» exporté vers %2, sans son secret&#xa0;: qui l&apos;importe saisit le secret.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_sharing.py" line="59"/>
        <source>Read from %1. Check the name, type the access token, then Save.</source>
        <translation>Lu depuis %1. Vérifiez le nom, saisissez le jeton d&apos;accès, puis enregistrez.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_sharing.py" line="63"/>
        <source>Read from %1. Check the name, type the client secret, then Save.</source>
        <translation>Lu depuis %1. Vérifiez le nom, saisissez le secret client, puis enregistrez.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_sharing.py" line="73"/>
        <source>Replace profile?</source>
        <translation>Remplacer le profil&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_sharing.py" line="75"/>
        <source>A profile named “%1” exists. Replace it with this one? Its settings and its secret are replaced; to keep both, choose another name.</source>
        <translation>Un profil nommé «&#xa0;%1&#xa0;» existe. Le remplacer par celui-ci&#xa0;? Ses réglages et son secret sont remplacés&#xa0;; pour garder les deux, choisissez un autre nom.</translation>
    </message>
</context>
<context>
    <name>ProfilesDialog</name>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="63"/>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="75"/>
        <source>Profiles</source>
        <translation>Profils</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="78"/>
        <source>Ne&amp;w</source>
        <translation>&amp;Nouveau</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="80"/>
        <source>&amp;Remove</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="104"/>
        <source>&amp;Test Connection</source>
        <translation>Teste&amp;r la connexion</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="107"/>
        <source>Sa&amp;ve</source>
        <translation>Enre&amp;gistrer</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="83"/>
        <source>E&amp;xport…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="86"/>
        <source>Write this profile to a file to share, without its secret</source>
        <translation>Écrire ce profil dans un fichier à partager, sans son secret</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="89"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="91"/>
        <source>Fill in a new profile from a shared file</source>
        <translation>Remplir un nouveau profil depuis un fichier partagé</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="168"/>
        <source>Sandbox: %1</source>
        <translation>Sandbox&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="236"/>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="246"/>
        <source>Remove profile?</source>
        <translation>Supprimer le profil&#xa0;?</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="249"/>
        <source>Remove the profile “%1”? Its client secret or access token leaves the system keyring too; to use this profile again, you will need the secret from Adobe Developer Console. Attempts in the history are kept.</source>
        <translation>Supprimer le profil «&#xa0;%1&#xa0;»&#xa0;? Son secret client ou son jeton d&apos;accès est aussi retiré du trousseau du système&#xa0;; pour utiliser ce profil à nouveau, il vous faudra le secret depuis Adobe Developer Console. Les tentatives de l&apos;historique sont conservées.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="271"/>
        <source>Getting a token and the list of sandboxes…</source>
        <translation>Obtention d&apos;un jeton et de la liste des sandbox…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="328"/>
        <source>Saved. The secret is in the system keyring.</source>
        <translation>Enregistré. Le secret se trouve dans le trousseau du système.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_removal.py" line="19"/>
        <source>Removed the profile “%1” from the profiles file.</source>
        <translation>Le profil «&#xa0;%1&#xa0;» a été retiré du fichier des profils.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_removal.py" line="26"/>
        <source>The profile “%1” was no longer in the profiles file.</source>
        <translation>Le profil «&#xa0;%1&#xa0;» ne figurait déjà plus dans le fichier des profils.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_removal.py" line="33"/>
        <source>Removed from the system keyring: %1.</source>
        <translation>Retiré du trousseau du système&#xa0;: %1.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_removal.py" line="37"/>
        <source>The system keyring held nothing else for it.</source>
        <translation>Le trousseau du système ne contenait rien d&apos;autre pour lui.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_removal.py" line="43"/>
        <source>The system keyring could not be reached (%1), so these may still be stored there, under the service “audience-desktop” and the name “%2”: %3. Remove them with your system&apos;s keyring tool, or they stay there.</source>
        <translation>Le trousseau du système est injoignable (%1)&#xa0;: ces éléments y sont peut-être encore, sous le service «&#xa0;audience-desktop&#xa0;» et le nom «&#xa0;%2&#xa0;»&#xa0;: %3. Supprimez-les avec l&apos;outil de trousseau de votre système, sinon ils y restent.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_removal.py" line="49"/>
        <source>unknown error</source>
        <translation>erreur inconnue</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="346"/>
        <source>The token works, but the sandbox list is not permitted; type the sandbox&apos;s technical name. </source>
        <translation>Le jeton fonctionne, mais l&apos;accès à la liste des sandbox n&apos;est pas autorisé&#xa0;; saisissez le nom technique du sandbox. </translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="354"/>
        <source>Connection works: %1 sandboxes. Choose the sandbox for this profile.</source>
        <translation>La connexion fonctionne&#xa0;: %1 sandbox. Choisissez le sandbox de ce profil.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="360"/>
        <source>Connection works: %1 sandboxes.</source>
        <translation>La connexion fonctionne&#xa0;: %1 sandbox.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_removal.py" line="60"/>
        <source>the client secret</source>
        <translation>le secret client</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_removal.py" line="61"/>
        <source>the access token</source>
        <translation>le jeton d&apos;accès</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profile_removal.py" line="62"/>
        <source>the cached access token</source>
        <translation>le jeton d&apos;accès en cache</translation>
    </message>
</context>
<context>
    <name>SandboxCombo</name>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_combo.py" line="23"/>
        <source>%1 — PRODUCTION</source>
        <translation>%1 — PRODUCTION</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_combo.py" line="45"/>
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_combo.py" line="46"/>
        <source>Use Test connection to pick from your sandboxes</source>
        <translation>Utilisez «&#xa0;Tester la connexion&#xa0;» pour choisir parmi vos sandbox</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_combo.py" line="47"/>
        <source>Choose one after Test connection</source>
        <translation>À choisir après «&#xa0;Tester la connexion&#xa0;»</translation>
    </message>
</context>
<context>
    <name>SandboxModel</name>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_model.py" line="35"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_model.py" line="36"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_model.py" line="37"/>
        <source>audienceId</source>
        <translation>audienceId</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_model.py" line="38"/>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_model.py" line="39"/>
        <source>Namespace</source>
        <translation>Espace de noms</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_model.py" line="40"/>
        <source>Origin name</source>
        <translation>Nom d&apos;origine</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_model.py" line="41"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_model.py" line="42"/>
        <source>Created</source>
        <translation>Créée</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_model.py" line="43"/>
        <source>Updated</source>
        <translation>Mise à jour</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_model.py" line="44"/>
        <source>Lifecycle</source>
        <translation>Cycle de vie</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_model.py" line="52"/>
        <source>External</source>
        <translation>Externe</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_model.py" line="53"/>
        <source>Platform</source>
        <translation>Platform</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_model.py" line="58"/>
        <source>An external audience, created by a call like this app&apos;s</source>
        <translation>Une audience externe, créée par un appel comme ceux de cette application</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_model.py" line="61"/>
        <source>An audience defined in Experience Platform (a segment), not external</source>
        <translation>Une audience définie dans Experience Platform (un segment), pas externe</translation>
    </message>
</context>
<context>
    <name>SandboxView</name>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_view.py" line="84"/>
        <source>S&amp;earch the sandbox:</source>
        <translation>Rechercher par nom dans &amp;le sandbox&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_view.py" line="87"/>
        <source>Names containing… (any case)</source>
        <translation>Noms contenant… (majuscules ou non)</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_view.py" line="88"/>
        <source>Search the sandbox&apos;s audiences by name</source>
        <translation>Rechercher les audiences du sandbox par nom</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_view.py" line="90"/>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_view.py" line="92"/>
        <source>Read the sandbox&apos;s audiences again (F5)</source>
        <translation>Relire les audiences du sandbox (F5)</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_view.py" line="117"/>
        <source>Audiences in the sandbox</source>
        <translation>Audiences du sandbox</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_view.py" line="147"/>
        <source>&amp;Refresh</source>
        <translation>A&amp;ctualiser</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_view.py" line="149"/>
        <source>Copy &amp;audienceId</source>
        <translation>Copier l&apos;&amp;audienceId</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_view.py" line="151"/>
        <source>&amp;Use as Template</source>
        <translation>Utiliser comme &amp;modèle</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_view.py" line="153"/>
        <source>&amp;Delete from the Sandbox…</source>
        <translation>&amp;Supprimer du sandbox…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_view.py" line="156"/>
        <source>Create the Same in Another &amp;Profile</source>
        <translation>Créer la même dans un autre &amp;profil</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_view.py" line="226"/>
        <source>No profile</source>
        <translation>Aucun profil</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_view.py" line="226"/>
        <source>Not read yet</source>
        <translation>Pas encore lu</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_view.py" line="232"/>
        <source>Reading… %1 of %2</source>
        <translation>Lecture… %1 sur %2</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_view.py" line="235"/>
        <source>As of %1: %2 audience(s)</source>
        <translation>À %1&#xa0;: %2 audience(s)</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_view.py" line="237"/>
        <source>As of %1: %2 audience(s), not all (Refresh)</source>
        <translation>À %1&#xa0;: %2 audience(s), pas toutes (Actualiser)</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_view.py" line="298"/>
        <source>%1 (sandbox %2)</source>
        <translation>%1 (sandbox %2)</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_view.py" line="300"/>
        <source>%1 (PRODUCTION sandbox %2)</source>
        <translation>%1 (sandbox de PRODUCTION %2)</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_view.py" line="305"/>
        <source>No other profile</source>
        <translation>Aucun autre profil</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_view.py" line="339"/>
        <source>Deleting “%1”…</source>
        <translation>Suppression de «&#xa0;%1&#xa0;»…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/sandbox_view.py" line="353"/>
        <source>Deleted “%1” from sandbox %2; the history records it.</source>
        <translation>«&#xa0;%1&#xa0;» supprimée du sandbox %2&#xa0;; l’historique l’enregistre.</translation>
    </message>
</context>
<context>
    <name>StatusArea</name>
    <message>
        <location filename="../../audience_desktop/ui/status_area.py" line="36"/>
        <source>Working</source>
        <translation>En cours</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/status_area.py" line="38"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/status_area.py" line="41"/>
        <source>Stop waiting: retries stop at once; a request already sent is checked later</source>
        <translation>Arrêter d&apos;attendre&#xa0;: les nouvelles tentatives s&apos;arrêtent tout de suite&#xa0;; une requête déjà envoyée sera vérifiée plus tard</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/status_area.py" line="49"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/status_area.py" line="58"/>
        <source>Details…</source>
        <translation>Détails…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/status_area.py" line="87"/>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/status_area.py" line="123"/>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/status_area.py" line="168"/>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/status_area.py" line="198"/>
        <source>Copied audienceId %1.</source>
        <translation>audienceId %1 copié.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/status_area.py" line="200"/>
        <source>Copied %1 audienceIds.</source>
        <translation>%1 audienceId copiés.</translation>
    </message>
</context>
<context>
    <name>WorkTabs</name>
    <message>
        <location filename="../../audience_desktop/ui/work_tabs.py" line="27"/>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/work_tabs.py" line="28"/>
        <source>Sand&amp;box</source>
        <translation>Sand&amp;box</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/work_tabs.py" line="29"/>
        <source>This app&apos;s attempts (F6)</source>
        <translation>Les tentatives de cette application (F6)</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/work_tabs.py" line="30"/>
        <source>Every audience in the profile&apos;s sandbox (F7)</source>
        <translation>Toutes les audiences du sandbox du profil (F7)</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/work_tabs.py" line="33"/>
        <source>&amp;Go to Sandbox</source>
        <translation>Aller au sand&amp;box</translation>
    </message>
</context>
</TS>
