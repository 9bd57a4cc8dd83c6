param($data)

return html {
    head {
        title "$($data.Title) - PSHTML site"
        link -href '/styles/site.css' -rel 'stylesheet'
    }
    body {
        h1 -Class 'title' { "$($data.Title): $($data.Members.Count) members" }
        ul -Id 'crew' {
            foreach ($m in $data.Members) {
                li { $m.ToUpper() }
            }
        }
        a -href '/about' -Content 'About'
    }
}
